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
package dev.steward.backup.xtrabackup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.DataSize;
import dev.steward.spi.PluginConfig;
import dev.steward.toolkit.backup.StrategyFactory;
import java.time.Duration;

/**
 * The strategy's configuration (properties under {@code xtrabackup.}).
 *
 * @param timeout {@code xtrabackup.timeout}: the longest one backup stream may take (default 6 h)
 * @param prepareTimeout {@code xtrabackup.prepare-timeout}: the longest extracting or preparing one
 *     part of a restore may take (default 6 h)
 * @param useMemory {@code xtrabackup.use-memory}: the buffer pool of {@code --prepare} (default
 *     256MB, at least 16MB)
 */
public record XtrabackupConfig(Duration timeout, Duration prepareTimeout, DataSize useMemory) {
  public static final Duration DEFAULT_PREPARE_TIMEOUT = Duration.ofHours(6);
  public static final DataSize DEFAULT_USE_MEMORY = DataSize.ofMegabytes(256);

  public XtrabackupConfig {
    requireNonNull(timeout, "timeout is null");
    requireNonNull(prepareTimeout, "prepareTimeout is null");
    requireNonNull(useMemory, "useMemory is null");
  }

  /** Reads every key; CONFIGURATION_INVALID naming the bad one. */
  public static XtrabackupConfig from(PluginConfig config) {
    DataSize useMemory = config.dataSize("use-memory", DEFAULT_USE_MEMORY);
    if (useMemory.megabytes() < 16) {
      throw config.invalid("use-memory", "must be at least 16MB");
    }
    return new XtrabackupConfig(
        StrategyFactory.timeout(config),
        StrategyFactory.positive(config, "prepare-timeout", DEFAULT_PREPARE_TIMEOUT),
        useMemory);
  }
}
