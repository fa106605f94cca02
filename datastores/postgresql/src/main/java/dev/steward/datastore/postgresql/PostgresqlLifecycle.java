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
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import dev.steward.toolkit.engine.HostFiles;
import dev.steward.toolkit.engine.SqlHealth;
import dev.steward.toolkit.engine.StartupPolicy;
import dev.steward.toolkit.engine.TemplateEngineLifecycle;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * initdb, configuration, start, stop and health of one instance's server, entirely through its
 * {@link Host} and JDBC. Stateless; called by core's operation workers, one operation per instance
 * at a time. Every step is idempotent: prepare keeps a marker written last, start and stop rely on
 * the host's idempotent server control.
 */
final class PostgresqlLifecycle extends TemplateEngineLifecycle {

  /** The data directory inside the DATA volume (initdb wants a directory it may create). */
  static final String PGDATA = "pgdata";

  private static final String PASSWORD_FILE = "initdb-password";
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(PostgresqlLifecycle.class.getName());

  private final PostgresqlConfig config;
  private final EngineConnections connections;

  PostgresqlLifecycle(PostgresqlConfig config, EngineConnections connections) {
    super(
        new StartupPolicy(
            "PostgreSQL",
            config.startupTimeout(),
            POLL_INTERVAL,
            PostgresqlErrorCode.SERVER_EXITED));
    this.config = requireNonNull(config, "config is null");
    this.connections = requireNonNull(connections, "connections is null");
  }

  /** initdb with the admin password from a file deleted right after, then Steward's files. */
  @Override
  protected void initialize(InstanceContext instance) {
    HostFiles.runWithConfigFile(
        instance.host(), PASSWORD_FILE, instance.adminPassword().reveal(), initdbCommand(instance));
    writeConfiguration(instance);
  }

  @Override
  protected Health probeHealth(InstanceContext instance) {
    return SqlHealth.selectOne(
        () ->
            connections.openAdmin(
                instance, EngineConnections.MAINTENANCE_DATABASE, PROBE_TIMEOUT, false),
        e -> "SQLState " + e.getSQLState());
  }

  /** The server as the platform runs it, in the foreground; SIGINT is PostgreSQL's fast stop. */
  @Override
  protected ServerSpec serverSpec(InstanceContext instance) {
    String postgres = config.binDirectory(instance.version()).resolve("postgres").toString();
    return new ServerSpec(
        List.of(postgres, "-D", dataDirectory(instance.host())),
        Map.of(),
        StopSignal.INT,
        STOP_TIMEOUT);
  }

  Command initdbCommand(InstanceContext instance) {
    Host host = instance.host();
    List<String> arguments = new ArrayList<>();
    arguments.add(config.binDirectory(instance.version()).resolve("initdb").toString());
    arguments.addAll(
        List.of(
            "-D",
            dataDirectory(host),
            "-U",
            EngineConnections.ADMIN_USER,
            "--pwfile=" + host.directory(HostDirectory.CONFIG).resolve(PASSWORD_FILE),
            "--auth-local=scram-sha-256",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8"));
    if (!config.initdbSync()) {
      arguments.add("--no-sync");
    }
    // TZ makes initdb write timezone = 'UTC' instead of probing the machine's zone files.
    return Command.of(arguments)
        .withEnvironment("TZ", "UTC")
        .withTimeout(INITDB_TIMEOUT)
        .asServiceUser();
  }

  /**
   * Writes {@code steward.conf} and {@code pg_hba.conf} for this instance and makes {@code
   * postgresql.conf} include the former exactly once (prepare, and adopting a restored cluster).
   */
  void writeConfiguration(InstanceContext instance) {
    Host host = instance.host();
    String postgresqlConf = PGDATA + "/postgresql.conf";
    byte[] generated =
        host.readFile(HostDirectory.DATA, postgresqlConf)
            .orElseThrow(() ->
                new StewardException(
                    PostgresqlErrorCode.DATA_DIRECTORY_INVALID,
                    "initdb left no postgresql.conf for instance " + instance.instanceId()));
    String included =
        ServerConfiguration.withInclude(new String(generated, StandardCharsets.UTF_8));
    String stewardConf =
        ServerConfiguration.stewardConf(
            host.address().getHostAddress(),
            host.directory(HostDirectory.RUN).toString(),
            instance.resources().ramMb(),
            config.maxConnections());
    HostFiles.writeUtf8(
        host, HostDirectory.DATA, PGDATA + "/" + ServerConfiguration.FILE_NAME, stewardConf);
    HostFiles.writeUtf8(
        host, HostDirectory.DATA, PGDATA + "/pg_hba.conf", ServerConfiguration.hbaConf());
    HostFiles.writeUtf8(host, HostDirectory.DATA, postgresqlConf, included);
  }

  /** Connects as the administrator; a refused password ends the wait at once. */
  @Override
  protected void probeReady(InstanceContext instance) throws SQLException {
    try (Connection connection =
        connections.openAdmin(
            instance, EngineConnections.MAINTENANCE_DATABASE, PROBE_TIMEOUT, false)) {
      LOG.log(Level.DEBUG, "Instance {0} accepts connections", instance.instanceId());
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
        throw EngineConnections.translate(e, "Connecting as the administrator");
      }
      throw e;
    }
  }

  static String dataDirectory(Host host) {
    return host.directory(HostDirectory.DATA).resolve(PGDATA).toString();
  }
}
