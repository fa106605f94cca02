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
package dev.steward.toolkit.datastore;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Capability;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link PluginDatastore} is made of: its name, port and versions, its lifecycle, and the
 * sub-interfaces it implements. The capabilities follow from the wiring, so a declaration and its
 * sub-interfaces can never disagree: {@code DATABASES} with a {@link DatabaseAdmin}, {@code USERS}
 * with a {@link UserAdmin}, {@code ROOT} with a {@link RootAdmin}, {@code USER_ACCESS} when {@link
 * Builder#userAccess} says the user admin grants databases. Built by the engine's datastore
 * constructor, once, at the factory's {@code create}.
 *
 * @param name the factory's name, such as {@code postgresql}
 * @param port the TCP port the engine listens on at an instance's address
 * @param versions the offered versions, the default first; may be empty (nothing installed)
 */
public record DatastoreParts(
    String name,
    int port,
    List<DatastoreVersion> versions,
    EngineLifecycle lifecycle,
    Set<Capability> capabilities,
    Optional<DatabaseAdmin> databases,
    Optional<UserAdmin> users,
    Optional<RootAdmin> root,
    Optional<BackupSupport> backups) {
  public DatastoreParts {
    requireNonNull(name, "name is null");
    versions = List.copyOf(requireNonNull(versions, "versions is null"));
    requireNonNull(lifecycle, "lifecycle is null");
    capabilities = Set.copyOf(requireNonNull(capabilities, "capabilities is null"));
    requireNonNull(databases, "databases is null");
    requireNonNull(users, "users is null");
    requireNonNull(root, "root is null");
    requireNonNull(backups, "backups is null");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port is out of range: " + port);
    }
    requireMatch(capabilities, Capability.DATABASES, databases.isPresent());
    requireMatch(capabilities, Capability.USERS, users.isPresent());
    requireMatch(capabilities, Capability.ROOT, root.isPresent());
    if (capabilities.contains(Capability.USER_ACCESS) && users.isEmpty()) {
      throw new IllegalArgumentException("USER_ACCESS requires a user admin");
    }
  }

  /** Starts the wiring of a datastore named {@code name} on {@code port}. */
  public static Builder builder(String name, int port, EngineLifecycle lifecycle) {
    return new Builder(name, port, lifecycle);
  }

  private static void requireMatch(Set<Capability> declared, Capability capability, boolean wired) {
    if (declared.contains(capability) != wired) {
      throw new IllegalArgumentException(
          "Capability "
              + capability
              + " is declared "
              + declared.contains(capability)
              + " but its sub-interface is wired "
              + wired);
    }
  }

  /** Collects the parts; every setter is optional except those of {@link #builder}. */
  public static final class Builder {
    private final String name;
    private final int port;
    private final EngineLifecycle lifecycle;
    private List<DatastoreVersion> versions = List.of();
    private final Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    private Optional<DatabaseAdmin> databases = Optional.empty();
    private Optional<UserAdmin> users = Optional.empty();
    private Optional<RootAdmin> root = Optional.empty();
    private Optional<BackupSupport> backups = Optional.empty();

    private Builder(String name, int port, EngineLifecycle lifecycle) {
      this.name = requireNonNull(name, "name is null");
      this.port = port;
      this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    }

    public Builder versions(List<DatastoreVersion> offered) {
      this.versions = List.copyOf(requireNonNull(offered, "offered is null"));
      return this;
    }

    /** Wires the database admin and declares {@code DATABASES}. */
    public Builder databases(DatabaseAdmin admin) {
      this.databases = Optional.of(admin);
      capabilities.add(Capability.DATABASES);
      return this;
    }

    /** Wires the user admin and declares {@code USERS}. */
    public Builder users(UserAdmin admin) {
      this.users = Optional.of(admin);
      capabilities.add(Capability.USERS);
      return this;
    }

    /** Declares {@code USER_ACCESS}: the user admin grants and revokes databases. */
    public Builder userAccess() {
      capabilities.add(Capability.USER_ACCESS);
      return this;
    }

    /** Wires the root admin and declares {@code ROOT}. */
    public Builder root(RootAdmin admin) {
      this.root = Optional.of(admin);
      capabilities.add(Capability.ROOT);
      return this;
    }

    /** Wires backup support (strategies are declared by the backup-strategy plugins). */
    public Builder backups(BackupSupport support) {
      this.backups = Optional.of(support);
      return this;
    }

    public DatastoreParts build() {
      return new DatastoreParts(
          name, port, versions, lifecycle, capabilities, databases, users, root, backups);
    }
  }
}
