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
 * The PostgreSQL datastore: created once at boot by {@link PostgresqlDatastoreFactory}, then used
 * by core from many threads for every PostgreSQL instance. It holds no per-instance state.
 */
public final class PostgresqlDatastore implements Datastore {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(Capability.DATABASES, Capability.USERS, Capability.USER_ACCESS, Capability.ROOT);

  private final PostgresqlConfig config;
  private final List<DatastoreVersion> versions;
  private final PostgresqlLifecycle lifecycle;
  private final PostgresqlDatabaseAdmin databases;
  private final PostgresqlUserAdmin users;
  private final PostgresqlRootAdmin root;
  private final PostgresqlBackupSupport backups;

  public PostgresqlDatastore(PostgresqlConfig config, List<DatastoreVersion> versions) {
    this.config = requireNonNull(config, "config is null");
    this.versions = List.copyOf(requireNonNull(versions, "versions is null"));
    if (this.versions.isEmpty()) {
      throw new IllegalArgumentException("versions is empty");
    }
    EngineConnections connections = new EngineConnections(config.statementTimeout());
    this.lifecycle = new PostgresqlLifecycle(config, connections);
    this.databases = new PostgresqlDatabaseAdmin(connections);
    this.users = new PostgresqlUserAdmin(connections);
    this.root = new PostgresqlRootAdmin(connections);
    this.backups = new PostgresqlBackupSupport(config, lifecycle, connections);
  }

  public PostgresqlConfig config() {
    return config;
  }

  @Override
  public String name() {
    return PostgresqlDatastoreFactory.NAME;
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
    return EngineConnections.PORT;
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

  /** {@code pg_basebackup} (physical, the default) and {@code pg_dump} (logical). */
  @Override
  public Optional<BackupSupport> backups() {
    return Optional.of(backups);
  }
}
