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
package dev.steward.datastore.redis;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Capability;
import dev.steward.spi.datastore.BackupSupport;
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
 * The Redis datastore: created once at boot by {@link RedisDatastoreFactory}, then used by core
 * from many threads for every Redis instance. It holds no per-instance state.
 *
 * <p>Capabilities: {@link Capability#USERS} (ACL users) and {@link Capability#ROOT} (the {@code
 * default} user). Not {@link Capability#DATABASES}: Redis's numbered logical databases cannot be
 * created, named or dropped, and not {@link Capability#USER_ACCESS}: there is nothing to grant,
 * every user reaches every key.
 */
public final class RedisDatastore implements Datastore {
  public static final int PORT = 6379;

  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.USERS, Capability.ROOT);

  private final RedisConfig config;
  private final DatastoreVersion version;
  private final RedisLifecycle lifecycle;
  private final RedisUserAdmin users;
  private final RedisRootAdmin root;
  private final RedisBackupSupport backups;

  public RedisDatastore(RedisConfig config, DatastoreVersion version) {
    this.config = requireNonNull(config, "config is null");
    this.version = requireNonNull(version, "version is null");
    EngineConnections connections = new EngineConnections(config.commandTimeout());
    this.lifecycle = new RedisLifecycle(config, connections);
    this.users = new RedisUserAdmin(connections);
    this.root = new RedisRootAdmin(connections);
    this.backups = new RedisBackupSupport(config, lifecycle, connections);
  }

  public RedisConfig config() {
    return config;
  }

  @Override
  public String name() {
    return RedisDatastoreFactory.NAME;
  }

  /** The one version of the installed {@code redis-server}. */
  @Override
  public List<DatastoreVersion> versions() {
    return List.of(version);
  }

  /** The same for every version: the factory refuses a Redis without ACLs (before 6.0). */
  @Override
  public Set<Capability> capabilities(DatastoreVersion version) {
    requireNonNull(version, "version is null");
    return Set.copyOf(CAPABILITIES);
  }

  @Override
  public int port() {
    return PORT;
  }

  @Override
  public EngineLifecycle lifecycle() {
    return lifecycle;
  }

  @Override
  public Optional<UserAdmin> users() {
    return Optional.of(users);
  }

  @Override
  public Optional<RootAdmin> root() {
    return Optional.of(root);
  }

  /** {@code redis-rdb}: the RDB of a replication sync (physical). */
  @Override
  public Optional<BackupSupport> backups() {
    return Optional.of(backups);
  }
}
