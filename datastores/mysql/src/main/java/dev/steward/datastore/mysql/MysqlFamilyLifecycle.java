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
package dev.steward.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Initialisation, start, stop and health of one instance's server, through its {@link Host} and
 * JDBC. Stateless; called by core's operation workers, one operation per instance at a time. Every
 * step is idempotent: prepare keeps a marker written last and redoes an interrupted initialisation
 * from an empty data directory; start and stop rely on the host's idempotent server control.
 * SIGTERM is the family's clean shutdown.
 */
final class MysqlFamilyLifecycle extends TemplateEngineLifecycle {

  /** The admin accounts' SQL, deleted as soon as the initializer has run. */
  static final String BOOTSTRAP_FILE = "bootstrap.sql";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ADOPT_POLL_INTERVAL = Duration.ofMillis(100);

  private static final System.Logger LOG = System.getLogger(MysqlFamilyLifecycle.class.getName());

  private final Distribution distribution;
  private final MysqlFamilyConfig config;
  private final EngineConnections connections;

  MysqlFamilyLifecycle(
      Distribution distribution, MysqlFamilyConfig config, EngineConnections connections) {
    super(
        new StartupPolicy(
            distribution.displayName(),
            config.startupTimeout(),
            POLL_INTERVAL,
            MysqlFamilyErrorCode.SERVER_EXITED));
    this.distribution = requireNonNull(distribution, "distribution is null");
    this.config = requireNonNull(config, "config is null");
    this.connections = requireNonNull(connections, "connections is null");
  }

  /** The option file, then the initializer with the admin accounts' SQL (deleted right after). */
  @Override
  protected void initialize(InstanceContext instance) {
    Host host = instance.host();
    HostFiles.writeUtf8(host, HostDirectory.CONFIG, ServerConfiguration.FILE_NAME, myCnf(instance));
    HostFiles.runWithConfigFile(
        host, BOOTSTRAP_FILE, bootstrapSql(instance), initializeCommand(host));
  }

  @Override
  protected Health probeHealth(InstanceContext instance) {
    return SqlHealth.selectOne(
        () -> connections.openAdmin(instance, PROBE_TIMEOUT, PROBE_TIMEOUT),
        e -> "error " + e.getErrorCode());
  }

  /**
   * After a physical restore (see {@link MysqlFamilyBackupSupport#restored}): the copied grant
   * tables hold the source's TCP administrator {@code os_admin@<source address>}, while this
   * instance connects from its own address. Runs the server once without networking, reaches it
   * over the socket as {@code os_admin@localhost} (same password: the backup's), drops every other
   * {@code os_admin} account and creates the one of this address, then stops the server.
   * Idempotent.
   */
  void adoptRestoredAdmin(InstanceContext instance) {
    Host host = instance.host();
    ServerSpec normal = serverSpec(instance);
    List<String> arguments = new ArrayList<>(normal.arguments());
    arguments.add("--skip-networking");
    host.startServer(
        new ServerSpec(arguments, normal.environment(), normal.stopSignal(), normal.stopTimeout()));
    try {
      awaitReady(
          instance,
          startupPolicy().withPollInterval(ADOPT_POLL_INTERVAL),
          () -> socketQuery(instance, "SELECT 1"));
      List<String> statements = new ArrayList<>();
      String hosts =
          socketQuery(
              instance,
              "SELECT Host FROM mysql.user WHERE User = "
                  + Sql.literal(Distribution.ADMIN_USER)
                  + " AND Host <> 'localhost'");
      for (String oldHost : hosts.lines().filter(line -> !line.isEmpty()).toList()) {
        statements.add("DROP USER " + Sql.account(Distribution.ADMIN_USER, oldHost));
      }
      statements.addAll(
          distribution.bootstrapStatements(
              List.of(host.address().getHostAddress()), instance.adminPassword()));
      socketQuery(instance, String.join(";\n", statements) + ";\n");
    } finally {
      host.stopServer();
    }
    LOG.log(Level.INFO, "Instance {0}: administrator adopted", instance.instanceId());
  }

  /** Runs SQL over the socket as {@code os_admin@localhost}; its output, or "not yet". */
  private String socketQuery(InstanceContext instance, String sql) {
    CommandResult result =
        AdminClient.run(
            instance,
            Command.of(distribution.clientProgram(), "--batch", "--raw", "--skip-column-names")
                .withStdin(sql.getBytes(StandardCharsets.UTF_8)));
    if (result.succeeded()) {
      return result.stdout();
    }
    if (result.stderr().contains("ERROR 1045")) {
      throw new StewardException(
          MysqlFamilyErrorCode.ADMIN_AUTHENTICATION_FAILED,
          "The restored server refuses the administrator's password of the backup");
    }
    if (result.stderr().contains("ERROR 2002") || result.stderr().contains("ERROR 2013")) {
      throw new IllegalStateException("The server does not answer yet");
    }
    return result.requireSuccess().stdout();
  }

  /** The server in the foreground, reading only the instance's option file. */
  @Override
  protected ServerSpec serverSpec(InstanceContext instance) {
    Host host = instance.host();
    return new ServerSpec(
        List.of(config.serverProgram().toString(), "--defaults-file=" + defaultsFile(host)),
        Map.of(),
        StopSignal.TERM,
        STOP_TIMEOUT);
  }

  Command initializeCommand(Host host) {
    return distribution.initializeCommand(
        config.serverProgram(),
        defaultsFile(host),
        host.directory(HostDirectory.CONFIG).resolve(BOOTSTRAP_FILE));
  }

  String myCnf(InstanceContext instance) {
    Host host = instance.host();
    return ServerConfiguration.myCnf(
        distribution,
        config,
        host.address(),
        ServerConfiguration.Paths.of(host),
        instance.resources().ramMb());
  }

  /**
   * The admin account twice: at the instance's address (JDBC binds its local end there) and at
   * {@code localhost} (command-line tools over the socket, see {@link AdminClient}).
   */
  String bootstrapSql(InstanceContext instance) {
    List<String> statements =
        distribution.bootstrapStatements(
            List.of(instance.host().address().getHostAddress(), "localhost"),
            instance.adminPassword());
    return String.join(";\n", statements) + ";\n";
  }

  private static Path defaultsFile(Host host) {
    return host.directory(HostDirectory.CONFIG).resolve(ServerConfiguration.FILE_NAME);
  }

  /** Connects as the administrator; a refused password ends the wait at once. */
  @Override
  protected void probeReady(InstanceContext instance) throws SQLException {
    try (Connection connection = connections.openAdmin(instance, PROBE_TIMEOUT, PROBE_TIMEOUT)) {
      LOG.log(Level.DEBUG, "Instance {0} accepts connections", instance.instanceId());
    } catch (SQLException e) {
      if (EngineConnections.code(e) == MysqlFamilyErrorCode.ADMIN_AUTHENTICATION_FAILED) {
        throw EngineConnections.translate(e, "Connecting as the administrator");
      }
      throw e;
    }
  }
}
