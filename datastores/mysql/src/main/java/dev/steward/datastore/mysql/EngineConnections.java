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

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * Short-lived JDBC connections (MariaDB Connector/J, which also speaks to MySQL 8) to an instance's
 * server as Steward's internal administrator {@code os_admin}, and the mapping of {@link
 * SQLException}s to Steward's error codes. Thread-safe; no state apart from the driver.
 *
 * <p>The admin account is {@code 'os_admin'@'<instance address>'}: the connection binds its local
 * end to the instance's own address, so the server sees the instance address as the client and no
 * other machine can use the account even with the password. Credentials travel only in connection
 * properties, never in the URL. Every admin session drops {@code NO_BACKSLASH_ESCAPES} from its SQL
 * mode, so that {@link Sql#literal} is exact.
 */
final class EngineConnections {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Server gone, shutting down, too many connections, connection killed. */
  private static final Set<Integer> UNAVAILABLE_ERRORS =
      Set.of(1040, 1053, 1077, 1152, 1927, 2002, 2003, 2006, 2013);

  private static final Set<Integer> NOT_FOUND_ERRORS = Set.of(1049, 1008, 1133, 1141);
  private static final Set<Integer> INVALID_ARGUMENT_ERRORS =
      Set.of(1102, 1115, 1253, 1273, 1302, 1470);
  private static final int PARSE_ERROR = 1064;
  private static final Set<Integer> TIMEOUT_ERRORS = Set.of(1969, 3024);

  /** The driver is used directly so that a plugin class loader never depends on DriverManager. */
  private final Driver driver = new org.mariadb.jdbc.Driver();

  private final Distribution distribution;
  private final Duration statementTimeout;

  EngineConnections(Distribution distribution, Duration statementTimeout) {
    this.distribution = requireNonNull(distribution, "distribution is null");
    this.statementTimeout = requireNonNull(statementTimeout, "statementTimeout is null");
  }

  /** A unit of work on an open connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} on a new admin connection and closes it; failures name {@code action}. */
  <T> T withAdmin(InstanceContext instance, String action, SqlWork<T> work) {
    try (Connection connection = openAdmin(instance, CONNECT_TIMEOUT, statementTimeout)) {
      return work.run(connection);
    } catch (SQLException e) {
      throw translate(e, action);
    }
  }

  /** Opens an admin connection; the caller closes it. */
  Connection openAdmin(InstanceContext instance, Duration connectTimeout, Duration readTimeout)
      throws SQLException {
    Host host = instance.host();
    Properties properties = new Properties();
    properties.setProperty("user", Distribution.ADMIN_USER);
    properties.setProperty("password", instance.adminPassword().reveal());
    properties.setProperty("localSocketAddress", host.address().getHostAddress());
    properties.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
    properties.setProperty(
        "socketTimeout", Long.toString(readTimeout.plus(connectTimeout).toMillis()));
    // Parameters are substituted by the driver as escaped literals; DDL cannot be server-prepared.
    properties.setProperty("useServerPrepStmts", "false");
    distribution.connectionProperties().forEach(properties::setProperty);
    Connection connection = driver.connect(url(host.address()), properties);
    if (connection == null) {
      throw new SQLException("The MariaDB driver did not accept its own URL", "08001");
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** {@code jdbc:mariadb://<address>:3306/}, without credentials. */
  static String url(InetAddress address) {
    String hostPart = address.getHostAddress();
    if (address instanceof Inet6Address) {
      hostPart = "[" + hostPart + "]";
    }
    return "jdbc:mariadb://" + hostPart + ":" + ServerConfiguration.PORT + "/";
  }

  /**
   * Maps a driver failure: no connection is a retryable {@code ENGINE_UNAVAILABLE}; the message
   * holds the server's error, never statement text.
   */
  static StewardException translate(SQLException e, String action) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message =
        action
            + " failed (error "
            + e.getErrorCode()
            + ", SQLState "
            + state
            + "): "
            + serverMessage(e);
    return new StewardException(code(e), message, e);
  }

  static ErrorCodeSupplier code(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    int error = e.getErrorCode();
    if (state.startsWith("08") || UNAVAILABLE_ERRORS.contains(error) || causedByIo(e)) {
      return StandardErrorCode.ENGINE_UNAVAILABLE;
    }
    if (error == 1045 || state.startsWith("28")) {
      return MysqlFamilyErrorCode.ADMIN_AUTHENTICATION_FAILED;
    }
    if (NOT_FOUND_ERRORS.contains(error)) {
      return StandardErrorCode.NOT_FOUND;
    }
    if (error == 1007) {
      return StandardErrorCode.ALREADY_EXISTS;
    }
    if (INVALID_ARGUMENT_ERRORS.contains(error)) {
      return StandardErrorCode.INVALID_ARGUMENT;
    }
    if (TIMEOUT_ERRORS.contains(error) || e instanceof SQLTimeoutException) {
      return StandardErrorCode.TIMEOUT;
    }
    return MysqlFamilyErrorCode.STATEMENT_FAILED;
  }

  /** The server's message, without any query text a driver option might append, at most 300. */
  static String serverMessage(SQLException e) {
    if (e.getErrorCode() == PARSE_ERROR) {
      // "... near '<statement text>'" could quote a password.
      return "SQL syntax error (statement text withheld)";
    }
    String message = String.valueOf(e.getMessage());
    int query = message.indexOf("\nQuery is");
    if (query >= 0) {
      message = message.substring(0, query);
    }
    message = message.replace('\n', ' ').replace('\r', ' ');
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
