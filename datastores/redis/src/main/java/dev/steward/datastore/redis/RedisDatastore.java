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
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.toolkit.datastore.DatastoreParts;
import dev.steward.toolkit.datastore.PluginDatastore;
import java.util.List;

/**
 * The Redis datastore: created once at boot by {@link RedisDatastoreFactory}, then used by core
 * from many threads for every Redis instance. It holds no per-instance state. It offers the one
 * version of the installed {@code redis-server} (the factory refuses a Redis without ACLs).
 *
 * <p>Capabilities: {@link Capability#USERS} (ACL users) and {@link Capability#ROOT} (the {@code
 * default} user). Not {@link Capability#DATABASES}: Redis's numbered logical databases cannot be
 * created, named or dropped, and not {@link Capability#USER_ACCESS}: there is nothing to grant,
 * every user reaches every key. Backups: {@code redis-rdb}, the RDB of a replication sync.
 */
public final class RedisDatastore extends PluginDatastore {
  public static final int PORT = 6379;

  private final RedisConfig config;

  public RedisDatastore(RedisConfig config, DatastoreVersion version) {
    super(parts(config, version));
    this.config = config;
  }

  public RedisConfig config() {
    return config;
  }

  private static DatastoreParts parts(RedisConfig config, DatastoreVersion version) {
    requireNonNull(config, "config is null");
    requireNonNull(version, "version is null");
    EngineConnections connections = new EngineConnections(config.commandTimeout());
    RedisLifecycle lifecycle = new RedisLifecycle(config, connections);
    return DatastoreParts.builder(RedisDatastoreFactory.NAME, PORT, lifecycle)
        .versions(List.of(version))
        .users(new RedisUserAdmin(connections))
        .root(new RedisRootAdmin(connections))
        .backups(new RedisBackupSupport(config, lifecycle, connections))
        .build();
  }
}
