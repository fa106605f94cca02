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
package dev.steward.datastore.mongodb;

import static java.util.Objects.requireNonNull;

import dev.steward.toolkit.datastore.DatastoreParts;
import dev.steward.toolkit.datastore.PluginDatastore;
import java.util.Optional;

/**
 * The MongoDB datastore: created once at boot by {@link MongodbDatastoreFactory}, then used by core
 * from many threads for every MongoDB instance. It holds no per-instance state.
 *
 * <p>It offers the one version the configured {@code mongod} reports, or none when no {@code
 * mongod} is installed. Every version has databases (made real by a marker collection), users (kept
 * in {@code admin}, with {@code readWrite} on each granted database), root (a user {@code root}
 * with role {@code root}) and logical backups with {@code mongodump}.
 */
public final class MongodbDatastore extends PluginDatastore {
  private final MongodbConfig config;

  MongodbDatastore(MongodbConfig config, Optional<InstalledVersion> installation) {
    super(parts(config, installation));
    this.config = config;
  }

  public MongodbConfig config() {
    return config;
  }

  private static DatastoreParts parts(
      MongodbConfig config, Optional<InstalledVersion> installation) {
    requireNonNull(config, "config is null");
    requireNonNull(installation, "installation is null");
    EngineClients clients = new EngineClients(config.commandTimeout());
    MongodbLifecycle lifecycle = new MongodbLifecycle(config, installation, clients);
    return DatastoreParts.builder(MongodbDatastoreFactory.NAME, ServerConfiguration.PORT, lifecycle)
        .versions(installation.stream().map(InstalledVersion::version).toList())
        .databases(new MongodbDatabaseAdmin(clients))
        .users(new MongodbUserAdmin(clients))
        .userAccess()
        .root(new MongodbRootAdmin(clients))
        .backups(new MongodbBackupSupport(lifecycle))
        .build();
  }
}
