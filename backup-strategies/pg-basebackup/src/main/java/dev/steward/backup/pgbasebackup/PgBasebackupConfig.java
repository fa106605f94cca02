/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.steward.backup.pgbasebackup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.toolkit.backup.StrategyFactory;
import java.time.Duration;
import java.util.Set;

/**
 * The strategy's typed configuration (properties under {@code pg_basebackup.}); defaults live here
 * and only here.
 *
 * @param timeout {@code timeout}: how long one backup or restore command may run before it is
 *     killed (a retryable TIMEOUT)
 * @param checkpoint {@code checkpoint}: {@code fast} (start at once, with an immediate checkpoint)
 *     or {@code spread} (wait for a spread checkpoint, gentler on a busy server)
 */
public record PgBasebackupConfig(Duration timeout, String checkpoint) {
  public static final String DEFAULT_CHECKPOINT = "fast";
  static final Set<String> CHECKPOINTS = Set.of("fast", "spread");

  public PgBasebackupConfig {
    requireNonNull(timeout, "timeout is null");
    requireNonNull(checkpoint, "checkpoint is null");
  }

  /** Reads every key; CONFIGURATION_INVALID naming the bad property. */
  public static PgBasebackupConfig from(PluginConfig config) {
    Duration timeout = StrategyFactory.timeout(config);
    String checkpoint = config.string("checkpoint", DEFAULT_CHECKPOINT);
    if (!CHECKPOINTS.contains(checkpoint)) {
      throw config.invalid("checkpoint", "must be fast or spread");
    }
    return new PgBasebackupConfig(timeout, checkpoint);
  }
}
