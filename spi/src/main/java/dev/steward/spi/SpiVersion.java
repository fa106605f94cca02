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

/**
 * The major version of this SPI. It changes when a change breaks plugins compiled against the
 * previous one (a type moved or removed, a method added without a default, a contract changed);
 * additions that keep old plugins working keep it.
 *
 * <p>History: 1, the first SPI; 2, {@code ServerStartup}, {@code PreparedMarker} and {@code
 * BackupPipes} moved to the plugin toolkit ({@code dev.steward.toolkit}), {@link
 * StewardPlugin#spiVersion()} added, and which datastore versions a backup strategy serves is
 * declared by the strategy alone ({@code BackupStrategy.serves}; a datastore's {@code
 * BackupSupport.strategies} is only its order of preference).
 *
 * <p>Every plugin reports {@link #MAJOR} from {@link StewardPlugin#spiVersion()}: either it returns
 * it itself, or (the toolkit's {@code DatastorePlugin} and {@code StrategyPlugin} bases) the plugin
 * subclass passes {@code SpiVersion.MAJOR} as the first argument of the base's constructor and the
 * base's final {@code spiVersion()} returns the value passed. Either way the constant must be
 * written in the plugin's own class: {@code MAJOR} is a compile-time constant, so javac copies its
 * value into that class file, and the number core reads at boot is the SPI the plugin was compiled
 * against, not the one on the class path (nor the one the toolkit was compiled against). Core
 * refuses a plugin of another major with {@link StandardErrorCode#PLUGIN_INCOMPATIBLE}.
 */
public final class SpiVersion {
  /** The SPI major version; see the class comment for what it means and when it changes. */
  public static final int MAJOR = 2;

  private SpiVersion() {}
}
