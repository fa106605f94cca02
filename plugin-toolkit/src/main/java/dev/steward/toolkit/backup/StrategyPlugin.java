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
package dev.steward.toolkit.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.backup.BackupStrategyFactory;
import dev.steward.toolkit.ToolkitPlugin;
import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry of a strategy plugin jar: the SPI major the plugin was
 * compiled against, one strategy factory and the plugin's error codes, given once to the
 * constructor. A plugin subclasses it with a public no-argument constructor (ServiceLoader's rule)
 * that passes {@code SpiVersion.MAJOR} as the first argument: javac inlines that constant into the
 * subclass, so {@link #spiVersion()} reports the SPI the plugin (not this toolkit) was compiled
 * against. The subclass is listed in {@code META-INF/services/dev.steward.spi.StewardPlugin}; core
 * calls each method once at boot.
 */
public abstract class StrategyPlugin extends ToolkitPlugin {
  private final BackupStrategyFactory factory;

  /** {@code spiVersion} is the subclass's {@code SpiVersion.MAJOR}. */
  protected StrategyPlugin(
      int spiVersion, BackupStrategyFactory factory, ErrorCodeSupplier... errorCodes) {
    super(spiVersion, errorCodes);
    this.factory = requireNonNull(factory, "factory is null");
  }

  @Override
  public final List<BackupStrategyFactory> backupStrategyFactories() {
    return List.of(factory);
  }
}
