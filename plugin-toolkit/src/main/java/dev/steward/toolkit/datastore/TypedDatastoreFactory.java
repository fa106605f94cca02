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

import dev.steward.spi.PluginConfig;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreContext;
import dev.steward.spi.datastore.DatastoreFactory;
import java.util.function.Function;

/**
 * A datastore factory with a typed configuration: core's plugin loader calls {@link #create} once
 * at boot; it binds the datastore's properties with the engine's binder (which fails with {@code
 * CONFIGURATION_INVALID} naming the property) and hands the typed configuration to {@link
 * #create(Object)}, where the engine detects its installed versions and builds its datastore.
 *
 * @param <C> the engine's configuration record
 */
public class TypedDatastoreFactory<C> implements DatastoreFactory {
  private final String name;
  private final Function<PluginConfig, C> binder;
  private final Function<C, Datastore> creator;

  /**
   * @param name the datastore's unique name, also its configuration prefix
   * @param binder reads and validates the properties, e.g. {@code PostgresqlConfig::from}
   * @param creator detects what is installed and builds the datastore from the bound configuration
   */
  protected TypedDatastoreFactory(
      String name, Function<PluginConfig, C> binder, Function<C, Datastore> creator) {
    this.name = requireNonNull(name, "name is null");
    this.binder = requireNonNull(binder, "binder is null");
    this.creator = requireNonNull(creator, "creator is null");
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Datastore create(DatastoreContext context) {
    requireNonNull(context, "context is null");
    return creator.apply(binder.apply(context.config()));
  }
}
