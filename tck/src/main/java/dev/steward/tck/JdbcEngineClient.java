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

/**
 * The TCK's checks for engines with a JDBC driver: one table {@code tck_data} per database, written
 * and read as the user under test. A module gives the connection and says which failures mean
 * "refused" (bad password, no privilege); everything else is an unexpected failure.
 */
public abstract class JdbcEngineClient implements EngineClient {
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
}
