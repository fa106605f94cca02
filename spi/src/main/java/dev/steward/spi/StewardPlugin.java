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
package dev.steward.spi;

import dev.steward.spi.backup.BackupStrategyFactory;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.platform.PlatformFactory;
import java.util.List;

/**
 * The single {@link java.util.ServiceLoader} entry of a plugin jar.
 *
 * <p>Core instantiates it once at boot, on the booting thread, through its public no-argument
 * constructor, and calls each method once. All methods default to empty lists; a plugin overrides
 * those it contributes to. A plugin that contributes nothing fails boot with {@link
 * StandardErrorCode#CONFIGURATION_INVALID}. Implementations must be cheap to construct: the real
 * work starts when core calls a factory's {@code create} method for a name chosen in configuration.
 *
 * <p>Core also refuses, with {@link StandardErrorCode#PLUGIN_INCOMPATIBLE} naming the plugin's jar:
 * a plugin compiled against another SPI major ({@link #spiVersion()}), and a datastore whose
 * declared {@link Capability capabilities} and optional interfaces disagree (see {@code
 * Datastore}).
 */
public interface StewardPlugin {
  /**
   * The SPI major this plugin was compiled against. Implement it as {@code return
   * SpiVersion.MAJOR;} and nothing else: the constant is inlined into the plugin's class file by
   * javac, so it keeps the value of the SPI the plugin was built with. Core calls it first, at
   * boot, and refuses the plugin unless it equals the running SPI's {@link SpiVersion#MAJOR}; a
   * plugin built against SPI 1, which has no such method, is refused too.
   */
  int spiVersion();

  /** Datastore (engine) factories this plugin provides, each with a unique name. */
  default List<DatastoreFactory> datastoreFactories() {
    return List.of();
  }

  /** Backup strategy factories this plugin provides, each with a unique name. */
  default List<BackupStrategyFactory> backupStrategyFactories() {
    return List.of();
  }

  /** Platform factories (where instances run) this plugin provides. */
  default List<PlatformFactory> platformFactories() {
    return List.of();
  }

  /**
   * Every error code this plugin may throw. Core checks at boot that codes are unique across all
   * loaded plugins, so that a code always names one failure.
   */
  default List<ErrorCodeSupplier> errorCodes() {
    return List.of();
  }
}
