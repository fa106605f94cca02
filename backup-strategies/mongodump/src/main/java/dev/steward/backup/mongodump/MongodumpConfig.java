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
package dev.steward.backup.mongodump;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.toolkit.backup.StrategyFactory;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The strategy's configuration (properties under {@code mongodump.}).
 *
 * @param mongodump {@code mongodump.mongodump}: the dump program (default {@code mongodump} from
 *     the PATH)
 * @param mongorestore {@code mongodump.mongorestore}: the restore program (default {@code
 *     mongorestore} from the PATH)
 * @param timeout {@code mongodump.timeout}: the longest a dump may run (default 6 h)
 * @param restoreTimeout {@code mongodump.restore-timeout}: the longest a restore may run (default
 *     12 h)
 */
public record MongodumpConfig(
    Path mongodump, Path mongorestore, Duration timeout, Duration restoreTimeout) {
  public static final Duration DEFAULT_RESTORE_TIMEOUT = Duration.ofHours(12);

  public MongodumpConfig {
    requireNonNull(mongodump, "mongodump is null");
    requireNonNull(mongorestore, "mongorestore is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(restoreTimeout, "restoreTimeout is null");
  }

  /** Reads every key; CONFIGURATION_INVALID naming the bad one. */
  public static MongodumpConfig from(PluginConfig config) {
    return new MongodumpConfig(
        config.path("mongodump", Path.of("mongodump")),
        config.path("mongorestore", Path.of("mongorestore")),
        StrategyFactory.timeout(config),
        StrategyFactory.positive(config, "restore-timeout", DEFAULT_RESTORE_TIMEOUT));
  }
}
