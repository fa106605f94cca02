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

import dev.steward.spi.StewardException;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.toolkit.datastore.FixedStrategiesBackupSupport;
import dev.steward.toolkit.engine.PreparedMarker;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's side of backups. Core calls it on an operation's worker thread: {@link #strategies}
 * when it picks a strategy, {@link #tools} before every backup and restore, {@link #restored} after
 * a physical restore (a {@code pg_basebackup} tar extracted into the data directory) and before
 * {@code start}.
 *
 * <p>Tool properties ({@link #tools}), the contract with the strategies listed here:
 *
 * <ul>
 *   <li>{@code bin-dir}: the version's program directory ({@code psql}, {@code pg_dump}, {@code
 *       pg_restore}, {@code pg_basebackup}), e.g. {@code /usr/lib/postgresql/15/bin}
 *   <li>{@code socket-dir}: the directory of the server's unix socket (the host's RUN directory);
 *       tools connect there ({@code -h <socket-dir>}), which needs no TCP
 *   <li>{@code port}: the server's port (also names the socket file)
 *   <li>{@code address}: the instance's TCP address
 *   <li>{@code user}: the internal administrator ({@code postgres}, a superuser with REPLICATION)
 *   <li>{@code data-dir}: the absolute data directory ({@code DATA/pgdata})
 *   <li>{@code service-user}: the OS user the server runs as and its files belong to
 * </ul>
 *
 * Secrets: {@code password}, the administrator's password (every connection, also over the socket,
 * uses SCRAM-SHA-256); tools get it as {@code PGPASSWORD}.
 */
final class PostgresqlBackupSupport extends FixedStrategiesBackupSupport {
  /** The physical default first. */
  static final List<String> STRATEGIES = List.of("pg_basebackup", "pg_dump", "volume-snapshot");

  private static final System.Logger LOG =
      System.getLogger(PostgresqlBackupSupport.class.getName());

  private final PostgresqlConfig config;
  private final PostgresqlLifecycle lifecycle;
  private final EngineConnections connections;

  PostgresqlBackupSupport(
      PostgresqlConfig config, PostgresqlLifecycle lifecycle, EngineConnections connections) {
    super(STRATEGIES);
    this.config = requireNonNull(config, "config is null");
    this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    this.connections = requireNonNull(connections, "connections is null");
  }

  /** CHECKPOINT before a file copy: the copy then recovers from a recent redo point. */
  @Override
  public void flush(InstanceContext instance) {
    try (java.sql.Connection connection =
            connections.openAdmin(
                instance,
                EngineConnections.MAINTENANCE_DATABASE,
                java.time.Duration.ofSeconds(10),
                false);
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    } catch (java.sql.SQLException e) {
      throw new dev.steward.spi.StewardException(
          dev.steward.spi.StandardErrorCode.ENGINE_UNAVAILABLE,
          "CHECKPOINT before the volume snapshot failed (SQLState " + e.getSQLState() + ")");
    }
  }

  @Override
  public ToolEnvironment tools(InstanceContext instance) {
    Host host = instance.host();
    return new ToolEnvironment(
        Map.of(
            "bin-dir", config.binDirectory(instance.version()).toString(),
            "socket-dir", host.directory(HostDirectory.RUN).toString(),
            "port", Integer.toString(EngineConnections.PORT),
            "address", host.address().getHostAddress(),
            "user", EngineConnections.ADMIN_USER,
            "data-dir", PostgresqlLifecycle.dataDirectory(host),
            "service-user", host.serviceUser()),
        Map.of("password", instance.adminPassword()));
  }

  /**
   * Adopts a restored data directory: this instance's {@code steward.conf} and {@code pg_hba.conf}
   * over the source's (the include in {@code postgresql.conf} kept exactly once), no stale {@code
   * postmaster.pid}, the directory 0700 and everything in it owned by the service user, then the
   * prepared marker. Idempotent. {@code DATA_DIRECTORY_INVALID} when the restore left no cluster.
   */
  @Override
  public void restored(InstanceContext instance) {
    Host host = instance.host();
    String pgdata = PostgresqlLifecycle.PGDATA;
    if (host.readFile(HostDirectory.DATA, pgdata + "/PG_VERSION").isEmpty()) {
      throw new StewardException(
          PostgresqlErrorCode.DATA_DIRECTORY_INVALID,
          "The restore left no PostgreSQL cluster (PG_VERSION) in the data directory of instance "
              + instance.instanceId());
    }
    host.deleteFile(HostDirectory.DATA, pgdata + "/postmaster.pid");
    host.deleteFile(HostDirectory.DATA, pgdata + "/postmaster.opts");
    lifecycle.writeConfiguration(instance);
    String dataDirectory = PostgresqlLifecycle.dataDirectory(host);
    host.run(Command.of("chown", "-R", host.serviceUser() + ":", "--", dataDirectory))
        .requireSuccess();
    host.run(Command.of("chmod", "0700", "--", dataDirectory).asServiceUser()).requireSuccess();
    PreparedMarker.markPrepared(instance);
    LOG.log(
        Level.INFO, "Adopted a restored data directory for instance {0}", instance.instanceId());
  }
}
