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
package dev.steward.toolkit.datastore;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.toolkit.ToolkitPlugin;
import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry of a datastore plugin jar: the SPI major the plugin was
 * compiled against, its datastore factories and its error codes, given once to the constructor. A
 * plugin subclasses it with a public no-argument constructor (ServiceLoader's rule) that passes
 * {@code SpiVersion.MAJOR} as the first argument: javac inlines that constant into the subclass, so
 * {@link #spiVersion()} reports the SPI the plugin (not this toolkit) was compiled against. The
 * subclass is listed in {@code META-INF/services/dev.steward.spi.StewardPlugin}; core calls each
 * method once at boot.
 */
public abstract class DatastorePlugin extends ToolkitPlugin {
  private final List<DatastoreFactory> factories;

  /** One datastore factory; {@code spiVersion} is the subclass's {@code SpiVersion.MAJOR}. */
  protected DatastorePlugin(
      int spiVersion, DatastoreFactory factory, ErrorCodeSupplier... errorCodes) {
    this(spiVersion, List.of(requireNonNull(factory, "factory is null")), errorCodes);
  }

  /** Several datastore factories; {@code spiVersion} is the subclass's {@code SpiVersion.MAJOR}. */
  protected DatastorePlugin(
      int spiVersion, List<DatastoreFactory> factories, ErrorCodeSupplier... errorCodes) {
    super(spiVersion, errorCodes);
    this.factories = List.copyOf(factories);
  }

  @Override
  public final List<DatastoreFactory> datastoreFactories() {
    return factories;
  }
}
