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

import dev.steward.spi.Secret;
import dev.steward.tck.EngineClient;
import dev.steward.tck.TckEnvironment;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Runs the TCK on the local platform with PostgreSQL's own client (JDBC) for the checks. */
final class PostgresqlTckEnvironment implements TckEnvironment, EngineClient {
  /** SQL states meaning "you may not": bad password, no CONNECT privilege, no table privilege. */
  private static final Set<String> REFUSED = Set.of("28P01", "28000", "42501");

  @Override
  public String datastore() {
    return "postgresql";
  }

  @Override
  public Map<String, String> properties(Path dataDirectory) {
    return Map.of(
        "local.base-dir", dataDirectory.resolve("i").toString(),
        "local.address-prefix", "127.80",
        "postgresql.initdb-sync", "false");
  }

  @Override
  public EngineClient client() {
    return this;
  }

  @Override
  public String writeAndRead(
      InetSocketAddress endpoint, String user, Secret password, String database, String value) {
    try (Connection connection = connect(endpoint, user, password, database);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS tck_data (v text)");
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
        ResultSet result = statement.executeQuery("SELECT count(*) FROM tck_data")) {
      return result.next();
    } catch (SQLException e) {
      if (REFUSED.contains(e.getSQLState())) {
        return false;
      }
      throw new IllegalStateException(
          "unexpected failure reading as " + user + ": " + e.getSQLState(), e);
    }
  }

  @Override
  public boolean canLogin(InetSocketAddress endpoint, String user, Secret password) {
    try (Connection connection = connect(endpoint, user, password, "postgres")) {
      return connection.isValid(5);
    } catch (SQLException e) {
      if (REFUSED.contains(e.getSQLState())) {
        return false;
      }
      throw new IllegalStateException(
          "unexpected failure logging in as " + user + ": " + e.getSQLState(), e);
    }
  }

  private static Connection connect(
      InetSocketAddress endpoint, String user, Secret password, String database)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password.reveal());
    properties.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + endpoint.getHostString() + ":" + endpoint.getPort() + "/" + database,
        properties);
  }
}
