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
package dev.steward.core.instance;

import static java.util.Objects.requireNonNull;

import dev.steward.core.plugin.Plugins;
import dev.steward.spi.Capability;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Flavor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What can be created: datastores with versions and capabilities, and flavors. */
@Singleton
public final class CatalogService {
  private final Plugins plugins;

  @Inject
  public CatalogService(Plugins plugins) {
    this.plugins = requireNonNull(plugins, "plugins is null");
  }

  /**
   * An enabled datastore, its versions (default first), each version's capabilities and the backup
   * strategies that serve each version (the default first; from the plugin registry).
   */
  public record DatastoreView(
      String name,
      int port,
      List<DatastoreVersion> versions,
      Map<String, Set<Capability>> capabilities,
      Map<String, List<String>> backupStrategies) {}

  public List<DatastoreView> datastores() {
    return plugins.datastores().values().stream().map(this::view).toList();
  }

  public DatastoreView datastore(String name) {
    return view(plugins.datastore(name));
  }

  public List<Flavor> flavors() {
    return plugins.platform().flavors();
  }

  public Flavor flavor(String id) {
    return flavors().stream()
        .filter(flavor -> flavor.id().equals(id))
        .findFirst()
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.NOT_FOUND, "Flavor " + id + " could not be found"));
  }

  private DatastoreView view(Datastore datastore) {
    Map<String, Set<Capability>> capabilities = new LinkedHashMap<>();
    Map<String, List<String>> strategies = new LinkedHashMap<>();
    for (DatastoreVersion version : datastore.versions()) {
      capabilities.put(version.name(), Set.copyOf(datastore.capabilities(version)));
      strategies.put(version.name(), plugins.strategiesFor(datastore, version));
    }
    return new DatastoreView(
        datastore.name(), datastore.port(), datastore.versions(), capabilities, strategies);
  }
}
