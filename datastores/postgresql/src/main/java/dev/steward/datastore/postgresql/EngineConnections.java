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

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Short-lived JDBC connections to an instance's server, as the internal administrator {@code
 * postgres}, over TCP to {@code host.address():5432}, and the mapping of {@link SQLException}s to
 * Steward's error codes. Thread-safe and stateless apart from the driver instance.
 *
 * <p>Credentials travel only in connection properties, never in the URL. Passwords of roles are set
 * with the driver's client-side SCRAM ({@link PGConnection#alterUserPassword}), so that a clear
 * password never reaches the server, its statement text, its statistics or its log.
 */
final class EngineConnections {
  static final String ADMIN_USER = "postgres";
  static final String MAINTENANCE_DATABASE = "postgres";
  static final int PORT = 5432;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Admin shutdown, crash shutdown, "the database system is starting up", and "too many clients"
   * (every connection slot taken, until some client disconnects).
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  /** Serialization failure, deadlock, lock not available: the same statement may succeed later. */
  private static final Set<String> TRANSIENT_CONFLICT_STATES = Set.of("40001", "40P01", "55P03");

  /** The driver is used directly so that a plugin class loader never depends on DriverManager. */
  private final Driver driver = new org.postgresql.Driver();

  private final Duration statementTimeout;

  EngineConnections(Duration statementTimeout) {
    this.statementTimeout = requireNonNull(statementTimeout, "statementTimeout is null");
  }

  /** A unit of work on an open connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on a new admin connection to {@code database} and closes it; SQL failures
   * become {@link StewardException}s naming {@code action}.
   */
  <T> T withAdmin(InstanceContext instance, String database, String action, SqlWork<T> work) {
    try (Connection connection = openAdmin(instance, database, CONNECT_TIMEOUT, true)) {
      return work.run(connection);
    } catch (SQLException e) {
      throw translate(e, action);
    }
  }

  /**
   * Opens an admin connection; the caller closes it. {@code limited} adds the statement timeout,
   * otherwise the socket timeout equals the connect timeout (readiness and health probes).
   */
  Connection openAdmin(
      InstanceContext instance, String database, Duration connectTimeout, boolean limited)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", ADMIN_USER);
    properties.setProperty("password", instance.adminPassword().reveal());
    properties.setProperty("ApplicationName", "steward");
    properties.setProperty("connectTimeout", Long.toString(seconds(connectTimeout)));
    properties.setProperty("loginTimeout", Long.toString(seconds(connectTimeout)));
    if (limited) {
      properties.setProperty(
          "options", "-c statement_timeout=" + statementTimeout.toMillis() + "ms");
      properties.setProperty(
          "socketTimeout", Long.toString(seconds(statementTimeout.plus(connectTimeout))));
    } else {
      properties.setProperty("socketTimeout", Long.toString(seconds(connectTimeout)));
    }
    Connection connection = driver.connect(url(instance.host(), database), properties);
    if (connection == null) {
      throw new SQLException("The PostgreSQL driver did not accept its own URL", "08001");
    }
    return connection;
  }

  /** {@code jdbc:postgresql://<address>:5432/<database>}, without credentials. */
  static String url(Host host, String database) {
    return "jdbc:postgresql://"
        + hostPart(host.address())
        + ":"
        + PORT
        + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  /**
   * Sets a role's password as a SCRAM-SHA-256 verifier computed in this process; the statement the
   * server sees holds only the verifier.
   */
  static void setPassword(Connection connection, String role, Secret password) throws SQLException {
    connection
        .unwrap(PGConnection.class)
        .alterUserPassword(role, password.reveal().toCharArray(), "scram-sha-256");
  }

  /**
   * Maps a driver failure: no connection (SQLState class 08, server starting or shutting down, no
   * free connection slot) is a retryable {@code ENGINE_UNAVAILABLE}, a lost race for a lock a
   * retryable {@code TRANSIENT_CONFLICT}; the message never holds statement text.
   */
  static StewardException translate(SQLException e, String action) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = action + " failed (SQLState " + state + "): " + serverMessage(e);
    return new StewardException(code(e, state), message, e);
  }

  static ErrorCodeSupplier code(SQLException e, String state) {
    if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state) || causedByIo(e)) {
      return StandardErrorCode.ENGINE_UNAVAILABLE;
    }
    if (state.startsWith("28")) {
      return PostgresqlErrorCode.ADMIN_AUTHENTICATION_FAILED;
    }
    if (TRANSIENT_CONFLICT_STATES.contains(state)) {
      return PostgresqlErrorCode.TRANSIENT_CONFLICT;
    }
    return switch (state) {
      case "3D000", "42704" -> StandardErrorCode.NOT_FOUND;
      case "42P04", "42710" -> StandardErrorCode.ALREADY_EXISTS;
      case "22023", "22021" -> StandardErrorCode.INVALID_ARGUMENT;
      case "57014" -> StandardErrorCode.TIMEOUT;
      default -> PostgresqlErrorCode.STATEMENT_FAILED;
    };
  }

  /** The server's primary message (without detail, hint or statement), else the driver's. */
  static String serverMessage(SQLException e) {
    if (e instanceof PSQLException psql) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      if (server != null && server.getMessage() != null) {
        return server.getMessage();
      }
    }
    return String.valueOf(e.getMessage());
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String hostPart(InetAddress address) {
    if (address instanceof Inet6Address) {
      return "[" + address.getHostAddress() + "]";
    }
    return address.getHostAddress();
  }

  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }
}
