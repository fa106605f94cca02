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
 * The MongoDB datastore: created once at boot by {@link MongodbDatastoreFactory}, then used by core
 * from many threads for every MongoDB instance. It holds no per-instance state.
 *
 * <p>It offers the one version the configured {@code mongod} reports, or none when no {@code
 * mongod} is installed. Every version has databases (made real by a marker collection), users (kept
 * in {@code admin}, with {@code readWrite} on each granted database) and root (a user {@code root}
 * with role {@code root}).
 */
public final class MongodbDatastore implements Datastore {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(Capability.DATABASES, Capability.USERS, Capability.USER_ACCESS, Capability.ROOT);

  private final MongodbConfig config;
  private final List<DatastoreVersion> versions;
  private final MongodbLifecycle lifecycle;
  private final MongodbDatabaseAdmin databases;
  private final MongodbUserAdmin users;
  private final MongodbRootAdmin root;
  private final MongodbBackupSupport backups;

  MongodbDatastore(MongodbConfig config, Optional<InstalledVersion> installation) {
    this.config = requireNonNull(config, "config is null");
    requireNonNull(installation, "installation is null");
    this.versions = installation.map(installed -> List.of(installed.version())).orElse(List.of());
    EngineClients clients = new EngineClients(config.commandTimeout());
    this.lifecycle = new MongodbLifecycle(config, installation, clients);
    this.databases = new MongodbDatabaseAdmin(clients);
    this.users = new MongodbUserAdmin(clients);
    this.root = new MongodbRootAdmin(clients);
    this.backups = new MongodbBackupSupport(lifecycle);
  }

  public MongodbConfig config() {
    return config;
  }

  @Override
  public String name() {
    return MongodbDatastoreFactory.NAME;
  }

  /** The installed version, or empty when no mongod is installed. */
  @Override
  public List<DatastoreVersion> versions() {
    return versions;
  }

  /** The same for every version (an instance's recorded number may predate an upgrade). */
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

  /** Logical backups with {@code mongodump} (see {@link MongodbBackupSupport}). */
  @Override
  public Optional<BackupSupport> backups() {
    return Optional.of(backups);
  }
}
