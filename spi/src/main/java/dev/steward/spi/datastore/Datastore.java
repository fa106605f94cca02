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
package dev.steward.spi.datastore;

import dev.steward.spi.Capability;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One engine (PostgreSQL, MariaDB, ...). Long-lived: created at boot, used by every instance of the
 * engine, from many threads at once. Keep no per-instance state here; everything about an instance
 * is in its {@link InstanceContext} and on its host.
 *
 * <p>Optional features are separate interfaces returned by {@link #databases()}, {@link #users()}
 * and {@link #root()}; a datastore returns one exactly when some version declares the matching
 * {@link Capability}. Core checks the declaration before it calls; the TCK checks both ways.
 *
 * <p>At boot core refuses the plugin ({@code PLUGIN_INCOMPATIBLE}, naming its jar) when the two
 * disagree: a version declares {@link Capability#DATABASES} but {@link #databases()} is empty,
 * {@link Capability#USERS} or {@link Capability#USER_ACCESS} but {@link #users()} is empty, {@link
 * Capability#ROOT} but {@link #root()} is empty, {@link Capability#USER_ACCESS} without {@link
 * Capability#USERS}; or the reverse, an interface returned that no version declares. A datastore
 * class that itself implements {@link DatabaseAdmin}, {@link UserAdmin}, {@link RootAdmin} or
 * {@link BackupSupport} must also return itself from the matching method. Backups have no
 * capability: a version can be backed up when {@link #backups()} is present and an enabled strategy
 * serves it.
 */
public interface Datastore extends AutoCloseable {
  /** The factory's name, such as {@code postgresql}. */
  String name();

  /** The versions instances can be created with; the first is the default. */
  List<DatastoreVersion> versions();

  /** The capabilities a version supports. */
  Set<Capability> capabilities(DatastoreVersion version);

  /** The TCP port the engine listens on at the instance's address. */
  int port();

  /** Prepare, start, stop and health of an instance's server. */
  EngineLifecycle lifecycle();

  default Optional<DatabaseAdmin> databases() {
    return Optional.empty();
  }

  default Optional<UserAdmin> users() {
    return Optional.empty();
  }

  default Optional<RootAdmin> root() {
    return Optional.empty();
  }

  /** Backups of this datastore's instances; empty when it supports none. */
  default Optional<BackupSupport> backups() {
    return Optional.empty();
  }

  /**
   * Releases the datastore's own resources (client pools, event loops). Called once by core when
   * the control plane stops, after the operation workers stopped; instances keep running.
   */
  @Override
  default void close() {}
}
