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
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A datastore made of {@link DatastoreParts}: the engine's subclass only builds its parts (and
 * exposes its typed configuration); every {@link Datastore} method is answered here. Created by the
 * engine's factory; core calls the methods from any thread, so the parts are immutable.
 * Capabilities are the same for every version (an instance's recorded number may predate a minor
 * upgrade).
 */
public abstract class PluginDatastore implements Datastore {
  private final DatastoreParts parts;

  protected PluginDatastore(DatastoreParts parts) {
    this.parts = requireNonNull(parts, "parts is null");
  }

  @Override
  public final String name() {
    return parts.name();
  }

  @Override
  public final List<DatastoreVersion> versions() {
    return parts.versions();
  }

  @Override
  public final Set<Capability> capabilities(DatastoreVersion version) {
    requireNonNull(version, "version is null");
    return parts.capabilities();
  }

  @Override
  public final int port() {
    return parts.port();
  }

  @Override
  public final EngineLifecycle lifecycle() {
    return parts.lifecycle();
  }

  @Override
  public final Optional<DatabaseAdmin> databases() {
    return parts.databases();
  }

  @Override
  public final Optional<UserAdmin> users() {
    return parts.users();
  }

  @Override
  public final Optional<RootAdmin> root() {
    return parts.root();
  }

  @Override
  public final Optional<BackupSupport> backups() {
    return parts.backups();
  }
}
