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
package dev.steward.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.toolkit.datastore.DatastoreParts;
import dev.steward.toolkit.datastore.PluginDatastore;
import java.util.List;

/**
 * A MySQL-family datastore (MySQL, MariaDB, Percona Server, by its {@link Distribution}): created
 * once at boot by {@link MysqlFamilyDatastoreFactory}, then used by core from many threads for
 * every instance of the member. It holds no per-instance state. Backups: physical ({@code
 * xtrabackup}) and logical ({@code mysqldump}).
 *
 * <p>Its versions are what the configured server binary reports: one version, or none when the
 * binary is absent or is another member (core then refuses to create instances).
 */
public final class MysqlFamilyDatastore extends PluginDatastore {
  private final Distribution distribution;
  private final MysqlFamilyConfig config;

  public MysqlFamilyDatastore(
      Distribution distribution, MysqlFamilyConfig config, List<DatastoreVersion> versions) {
    super(parts(distribution, config, versions));
    this.distribution = distribution;
    this.config = config;
  }

  public Distribution distribution() {
    return distribution;
  }

  public MysqlFamilyConfig config() {
    return config;
  }

  private static DatastoreParts parts(
      Distribution distribution, MysqlFamilyConfig config, List<DatastoreVersion> versions) {
    requireNonNull(distribution, "distribution is null");
    requireNonNull(config, "config is null");
    EngineConnections connections = new EngineConnections(distribution, config.statementTimeout());
    Names names = new Names(distribution);
    Accounts accounts = new Accounts(distribution);
    MysqlFamilyLifecycle lifecycle = new MysqlFamilyLifecycle(distribution, config, connections);
    return DatastoreParts.builder(distribution.name(), ServerConfiguration.PORT, lifecycle)
        .versions(versions)
        .databases(new MysqlFamilyDatabaseAdmin(names, connections))
        .users(new MysqlFamilyUserAdmin(distribution, names, accounts, connections))
        .userAccess()
        .root(new MysqlFamilyRootAdmin(distribution, accounts, connections))
        .backups(new MysqlFamilyBackupSupport(distribution, config, lifecycle))
        .build();
  }
}
