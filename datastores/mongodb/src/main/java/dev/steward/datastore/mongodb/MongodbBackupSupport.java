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

import dev.steward.datastore.mongodb.ServerConfiguration.Mode;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.toolkit.datastore.FixedStrategiesBackupSupport;
import dev.steward.toolkit.engine.HostFiles;
import dev.steward.toolkit.engine.PreparedMarker;
import java.util.List;
import java.util.Map;

/**
 * MongoDB's side of backups, returned by {@link MongodbDatastore#backups()} and called by core on
 * an operation's worker thread. The one strategy is {@code mongodump} (logical: {@code mongodump
 * --archive}, restored with {@code mongorestore}).
 *
 * <p>Tool environment keys:
 *
 * <ul>
 *   <li>{@value #HOST} and {@value #PORT}: the instance's address and port (27017); the tools
 *       connect over TCP
 *   <li>{@value #USER}: Steward's administrator ({@code steward_admin}, role {@code root})
 *   <li>{@value #AUTH_DATABASE}: the database it authenticates against ({@code admin})
 *   <li>secret {@value #PASSWORD}: its password (the tools read it from a 0600 {@code --config}
 *       file, which the strategy writes and deletes)
 * </ul>
 */
public final class MongodbBackupSupport extends FixedStrategiesBackupSupport {
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String USER = "user";
  public static final String AUTH_DATABASE = "auth-database";
  public static final String PASSWORD = "password";

  /** The logical strategy ({@code backup-strategies/mongodump}). */
  public static final String MONGODUMP = "mongodump";

  private final MongodbLifecycle lifecycle;

  MongodbBackupSupport(MongodbLifecycle lifecycle) {
    super(List.of(MONGODUMP));
    this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
  }

  @Override
  public ToolEnvironment tools(InstanceContext instance) {
    return new ToolEnvironment(
        Map.of(
            HOST,
            instance.host().address().getHostAddress(),
            PORT,
            Integer.toString(ServerConfiguration.PORT),
            USER,
            Names.ADMIN_USER,
            AUTH_DATABASE,
            Names.AUTH_DATABASE),
        Map.of(PASSWORD, instance.adminPassword()));
  }

  /**
   * For a physical strategy another plugin may offer (none of MongoDB's own is physical): writes
   * this instance's {@code mongod.conf} over the restored files' host, gives the data directory to
   * the service user and marks the host prepared. The administrator is not bound to an address, so
   * the restored {@code steward_admin} (the backup's password) works as it is. Idempotent.
   */
  @Override
  public void restored(InstanceContext instance) {
    Host host = instance.host();
    HostFiles.writeUtf8(
        host,
        HostDirectory.CONFIG,
        ServerConfiguration.CONFIG_FILE,
        ServerConfiguration.yaml(lifecycle.settings(instance), Mode.SERVE));
    host.run(
            Command.of(
                "chown",
                "-R",
                "-h",
                host.serviceUser() + ":",
                host.directory(HostDirectory.DATA).toString()))
        .requireSuccess();
    PreparedMarker.markPrepared(instance);
  }
}
