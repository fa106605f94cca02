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

import dev.steward.spi.Capability;
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
 * The etcd datastore: created once at boot by {@link EtcdDatastoreFactory}, then used by core from
 * many threads for every etcd instance. It holds no per-instance state. Declares every capability
 * the SPI has: databases (as key prefixes, see {@link KeySpace}), users, user access and root.
 */
public final class EtcdDatastore implements Datastore {
  private static final Set<Capability> CAPABILITIES =
      EnumSet.of(Capability.DATABASES, Capability.USERS, Capability.USER_ACCESS, Capability.ROOT);

  private final EtcdConfig config;
  private final List<DatastoreVersion> versions;
  private final EtcdLifecycle lifecycle;
  private final EtcdDatabaseAdmin databases;
  private final EtcdUserAdmin users;
  private final EtcdRootAdmin root;

  public EtcdDatastore(EtcdConfig config, List<DatastoreVersion> versions) {
    this.config = requireNonNull(config, "config is null");
    this.versions = List.copyOf(requireNonNull(versions, "versions is null"));
    if (this.versions.isEmpty()) {
      throw new IllegalArgumentException("versions is empty");
    }
    Gateway gateway = new Gateway(config.requestTimeout());
    this.lifecycle = new EtcdLifecycle(config, gateway);
    this.databases = new EtcdDatabaseAdmin(gateway);
    this.users = new EtcdUserAdmin(gateway);
    this.root = new EtcdRootAdmin(gateway);
  }

  public EtcdConfig config() {
    return config;
  }

  @Override
  public String name() {
    return EtcdDatastoreFactory.NAME;
  }

  @Override
  public List<DatastoreVersion> versions() {
    return versions;
  }

  @Override
  public Set<Capability> capabilities(DatastoreVersion version) {
    requireNonNull(version, "version is null");
    return Set.copyOf(CAPABILITIES);
  }

  @Override
  public int port() {
    return Gateway.CLIENT_PORT;
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
}
