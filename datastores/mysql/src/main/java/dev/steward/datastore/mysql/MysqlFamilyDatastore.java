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

import dev.steward.spi.Capability;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A MySQL-family datastore (MySQL, MariaDB, Percona Server, by its {@link Distribution}): created
 * once at boot by {@link MysqlFamilyDatastoreFactory}, then used by core from many threads for
 * every instance of the member. It holds no per-instance state.
 *
 * <p>Its versions are what the configured server binary reports: one version, or none when the
 * binary is absent or is another member (core then refuses to create instances).
 */
public final class MysqlFamilyDatastore implements Datastore {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(Capability.DATABASES, Capability.USERS, Capability.USER_ACCESS, Capability.ROOT);

  private final Distribution distribution;
  private final MysqlFamilyConfig config;
  private final List<DatastoreVersion> versions;
  private final MysqlFamilyLifecycle lifecycle;
  private final MysqlFamilyDatabaseAdmin databases;
  private final MysqlFamilyUserAdmin users;
  private final MysqlFamilyRootAdmin root;
  private final MysqlFamilyBackupSupport backups;

  public MysqlFamilyDatastore(
      Distribution distribution, MysqlFamilyConfig config, List<DatastoreVersion> versions) {
    this.distribution = requireNonNull(distribution, "distribution is null");
    this.config = requireNonNull(config, "config is null");
    this.versions = List.copyOf(requireNonNull(versions, "versions is null"));
    EngineConnections connections = new EngineConnections(distribution, config.statementTimeout());
    Names names = new Names(distribution);
    Accounts accounts = new Accounts(distribution);
    this.lifecycle = new MysqlFamilyLifecycle(distribution, config, connections);
    this.databases = new MysqlFamilyDatabaseAdmin(names, connections);
    this.users = new MysqlFamilyUserAdmin(distribution, names, accounts, connections);
    this.root = new MysqlFamilyRootAdmin(distribution, accounts, connections);
    this.backups = new MysqlFamilyBackupSupport(distribution, config, lifecycle);
  }

  public Distribution distribution() {
    return distribution;
  }

  public MysqlFamilyConfig config() {
    return config;
  }

  @Override
  public String name() {
    return distribution.name();
  }

  @Override
  public List<DatastoreVersion> versions() {
    return versions;
  }

  /** The same for every version (an instance's recorded number may predate a minor upgrade). */
  @Override
  public Set<Capability> capabilities(DatastoreVersion version) {
    requireNonNull(version, "version is null");
    return Set.copyOf(CAPABILITIES);
  }

  @Override
  public int port() {
    return ServerConfiguration.PORT;
  }

  @Override
  public EngineLifecycle lifecycle() {
    return lifecycle;
  }

  @Override
  public Optional<DatabaseAdmin> databases() {
    return Optional.of(databases);
  }

  @Override
  public Optional<UserAdmin> users() {
    return Optional.of(users);
  }

  @Override
  public Optional<RootAdmin> root() {
    return Optional.of(root);
  }

  /** Physical ({@code xtrabackup}) and logical ({@code mysqldump}) backups. */
  @Override
  public Optional<BackupSupport> backups() {
    return Optional.of(backups);
  }
}
