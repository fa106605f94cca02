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
package dev.steward.backup.mysqldump;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.toolkit.backup.StrategyFactory;
import java.time.Duration;

/**
 * The strategy's configuration (properties under {@code mysqldump.}).
 *
 * @param timeout {@code mysqldump.timeout}: the longest a dump may run (default 6 h)
 * @param restoreTimeout {@code mysqldump.restore-timeout}: the longest feeding a dump into the
 *     client may take (default 12 h; a logical restore is several times slower than the dump)
 */
public record MysqldumpConfig(Duration timeout, Duration restoreTimeout) {
  public static final Duration DEFAULT_RESTORE_TIMEOUT = Duration.ofHours(12);

  public MysqldumpConfig {
    requireNonNull(timeout, "timeout is null");
    requireNonNull(restoreTimeout, "restoreTimeout is null");
  }

  /** Reads every key; CONFIGURATION_INVALID naming the bad one. */
  public static MysqldumpConfig from(PluginConfig config) {
    return new MysqldumpConfig(
        StrategyFactory.timeout(config),
        StrategyFactory.positive(config, "restore-timeout", DEFAULT_RESTORE_TIMEOUT));
  }
}
