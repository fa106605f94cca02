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
package org.example.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.toolkit.datastore.DatastoreParts;
import dev.steward.toolkit.datastore.PluginDatastore;
import java.util.List;

/**
 * The etcd datastore: created once at boot by {@link EtcdDatastoreFactory}, then used by core from
 * many threads for every etcd instance. It holds no per-instance state. Declares every capability
 * the SPI has: databases (as key prefixes, see {@link KeySpace}), users, user access and root; the
 * toolkit's {@link PluginDatastore} answers the SPI from these parts.
 */
public final class EtcdDatastore extends PluginDatastore {
  private final EtcdConfig config;

  public EtcdDatastore(EtcdConfig config, List<DatastoreVersion> versions) {
    super(parts(config, versions));
    this.config = config;
  }

  public EtcdConfig config() {
    return config;
  }

  private static DatastoreParts parts(EtcdConfig config, List<DatastoreVersion> versions) {
    requireNonNull(config, "config is null");
    Gateway gateway = new Gateway(config.requestTimeout());
    return DatastoreParts.builder(
            EtcdDatastoreFactory.NAME, Gateway.CLIENT_PORT, new EtcdLifecycle(config, gateway))
        .versions(versions)
        .databases(new EtcdDatabaseAdmin(gateway))
        .users(new EtcdUserAdmin(gateway))
        .userAccess()
        .root(new EtcdRootAdmin(gateway))
        .build();
  }
}
