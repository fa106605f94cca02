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
package dev.steward.toolkit;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StewardPlugin;
import java.util.List;

/**
 * What the toolkit's plugin entry bases ({@code DatastorePlugin}, {@code StrategyPlugin}) share:
 * the SPI major the plugin was compiled against and the plugin's error codes, given once to the
 * constructor. The concrete plugin passes {@code SpiVersion.MAJOR} itself: javac inlines that
 * constant into the plugin's own class, so {@link #spiVersion()} reports the SPI the plugin (not
 * this toolkit) was compiled against.
 */
public abstract class ToolkitPlugin implements StewardPlugin {
  private final int spiVersion;
  private final List<ErrorCodeSupplier> errorCodes;

  /** {@code spiVersion} is the concrete plugin's {@code SpiVersion.MAJOR}. */
  protected ToolkitPlugin(int spiVersion, ErrorCodeSupplier... errorCodes) {
    this.spiVersion = spiVersion;
    this.errorCodes = List.of(errorCodes);
  }

  @Override
  public final int spiVersion() {
    return spiVersion;
  }

  @Override
  public final List<ErrorCodeSupplier> errorCodes() {
    return errorCodes;
  }
}
