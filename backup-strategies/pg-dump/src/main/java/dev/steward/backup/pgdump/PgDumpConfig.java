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
package dev.steward.backup.pgdump;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.toolkit.backup.StrategyFactory;
import java.time.Duration;

/**
 * The strategy's typed configuration (properties under {@code pg_dump.}); defaults live here and
 * only here.
 *
 * @param timeout {@code timeout}: how long one {@code pg_dump} or {@code pg_restore} (one database)
 *     may run before it is killed (a retryable TIMEOUT)
 * @param compression {@code compression}: {@code pg_dump -Z} level, 0 (none, the default) to 9;
 *     core compresses the stream with zstd anyway, and zlib inside pg_dump halved the backup
 *     throughput of 1 GiB here ({@code bench/backup.sh pg_dump})
 */
public record PgDumpConfig(Duration timeout, int compression) {
  public static final int DEFAULT_COMPRESSION = 0;

  public PgDumpConfig {
    requireNonNull(timeout, "timeout is null");
  }

  /** Reads every key; CONFIGURATION_INVALID naming the bad property. */
  public static PgDumpConfig from(PluginConfig config) {
    Duration timeout = StrategyFactory.timeout(config);
    int compression = config.integer("compression", DEFAULT_COMPRESSION, 0, 9);
    return new PgDumpConfig(timeout, compression);
  }
}
