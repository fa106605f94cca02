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
package dev.steward.datastore.postgresql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.toolkit.datastore.DatastoreParts;
import dev.steward.toolkit.datastore.PluginDatastore;
import java.util.List;

/**
 * The PostgreSQL datastore: created once at boot by {@link PostgresqlDatastoreFactory}, then used
 * by core from many threads for every PostgreSQL instance. It holds no per-instance state. Backups:
 * {@code pg_basebackup} (physical, the default) and {@code pg_dump} (logical).
 */
public final class PostgresqlDatastore extends PluginDatastore {
  private final PostgresqlConfig config;

  public PostgresqlDatastore(PostgresqlConfig config, List<DatastoreVersion> versions) {
    super(parts(config, versions));
    this.config = config;
  }

  public PostgresqlConfig config() {
    return config;
  }

  private static DatastoreParts parts(PostgresqlConfig config, List<DatastoreVersion> versions) {
    requireNonNull(config, "config is null");
    EngineConnections connections = new EngineConnections(config.statementTimeout());
    PostgresqlLifecycle lifecycle = new PostgresqlLifecycle(config, connections);
    return DatastoreParts.builder(
            PostgresqlDatastoreFactory.NAME, EngineConnections.PORT, lifecycle)
        .versions(versions)
        .databases(new PostgresqlDatabaseAdmin(connections))
        .users(new PostgresqlUserAdmin(connections))
        .userAccess()
        .root(new PostgresqlRootAdmin(connections))
        .backups(new PostgresqlBackupSupport(config, lifecycle, connections))
        .build();
  }
}
