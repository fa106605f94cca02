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
package dev.steward.tck;

import dev.steward.spi.Secret;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The TCK's checks for engines with a JDBC driver: one table {@code tck_data} per database, written
 * and read as the user under test. A module gives the connection and says which failures mean
 * "refused" (bad password, no privilege); everything else is an unexpected failure.
 */
public abstract class JdbcEngineClient implements EngineClient, BackupDataSet {
  /** Connects as {@code user} to {@code database} (the engine's default database when empty). */
  protected abstract Connection connect(
      InetSocketAddress endpoint, String user, Secret password, String database)
      throws SQLException;

  /** Whether the failure is the engine refusing the user (authentication or privilege). */
  protected abstract boolean refused(SQLException e);

  /** The database to log in to when only the login itself is checked. */
  protected String loginDatabase() {
    return "";
  }

  @Override
  public String writeAndRead(
      InetSocketAddress endpoint, String user, Secret password, String database, String value) {
    try (Connection connection = connect(endpoint, user, password, database);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS tck_data (v VARCHAR(255))");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO tck_data VALUES (?)")) {
        insert.setString(1, value);
        insert.executeUpdate();
      }
      try (PreparedStatement select =
          connection.prepareStatement("SELECT v FROM tck_data WHERE v = ? LIMIT 1")) {
        select.setString(1, value);
        try (ResultSet result = select.executeQuery()) {
          return result.next() ? result.getString(1) : null;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "write and read as " + user + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean canRead(
      InetSocketAddress endpoint, String user, Secret password, String database) {
    try (Connection connection = connect(endpoint, user, password, database);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM tck_data")) {
      return result.next();
    } catch (SQLException e) {
      if (refused(e)) {
        return false;
      }
      throw new IllegalStateException(
          "unexpected failure reading as " + user + ": " + describe(e), e);
    }
  }

  @Override
  public boolean canLogin(InetSocketAddress endpoint, String user, Secret password) {
    try (Connection connection = connect(endpoint, user, password, loginDatabase())) {
      return connection.isValid(5);
    } catch (SQLException e) {
      if (refused(e)) {
        return false;
      }
      throw new IllegalStateException(
          "unexpected failure logging in as " + user + ": " + describe(e), e);
    }
  }

  private static String describe(SQLException e) {
    return "SQLState " + e.getSQLState() + ", error " + e.getErrorCode();
  }

  /** The database the backup data set lives in. */
  protected static final String BACKUP_DATABASE = "tck_backup";

  private static final int BACKUP_TABLES = 4;
  private static final int ROW_BYTES = 1024;

  /**
   * Statements inserting rows {@code [from, to)} into {@code table}: id and a 1 KB text derived
   * from the id and {@code seed} (md5-based, so about half compressible).
   */
  protected abstract List<String> fillStatements(String table, long from, long to, int seed);

  /** A query returning one text: the table's row count and a checksum over ids and payloads. */
  protected abstract String checksumQuery(String table);

  @Override
  public void write(
      InetSocketAddress endpoint, String user, Secret password, long bytes, int seed) {
    try {
      try (Connection connection = connect(endpoint, user, password, loginDatabase());
          Statement statement = connection.createStatement()) {
        if (!hasDatabase(connection)) {
          statement.execute("CREATE DATABASE " + BACKUP_DATABASE);
        }
      }
      long rows = Math.max(1, bytes / ROW_BYTES / BACKUP_TABLES);
      try (Connection connection = connect(endpoint, user, password, BACKUP_DATABASE);
          Statement statement = connection.createStatement()) {
        for (int t = 0; t < BACKUP_TABLES; t++) {
          String table = "t" + t;
          statement.execute(
              "CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT PRIMARY KEY, payload TEXT)");
          long first;
          try (ResultSet max =
              statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            max.next();
            first = max.getLong(1) + 1;
          }
          for (String sql : fillStatements(table, first, first + rows, seed)) {
            statement.execute(sql);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("writing backup data failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String fingerprint(InetSocketAddress endpoint, String user, Secret password) {
    StringBuilder fingerprint = new StringBuilder();
    try (Connection connection = connect(endpoint, user, password, BACKUP_DATABASE);
        Statement statement = connection.createStatement()) {
      for (int t = 0; t < BACKUP_TABLES; t++) {
        try (ResultSet result = statement.executeQuery(checksumQuery("t" + t))) {
          result.next();
          fingerprint.append("t").append(t).append('=').append(result.getString(1)).append(';');
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("fingerprinting backup data failed: " + e.getMessage(), e);
    }
    return fingerprint.toString();
  }

  private boolean hasDatabase(Connection connection) throws SQLException {
    try (ResultSet catalogs = connection.getMetaData().getCatalogs()) {
      while (catalogs.next()) {
        if (BACKUP_DATABASE.equals(catalogs.getString(1))) {
          return true;
        }
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT 1 FROM pg_database WHERE datname = '" + BACKUP_DATABASE + "'")) {
      return result.next();
    } catch (SQLException e) {
      return false;
    }
  }
}
