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
import dev.steward.tck.JdbcEngineClient;
import dev.steward.tck.TckEnvironment;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Runs the TCK on the local platform with PostgreSQL's own client (JDBC) for the checks. */
public final class PostgresqlTckEnvironment extends JdbcEngineClient implements TckEnvironment {
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
  public java.util.Optional<dev.steward.tck.BackupDataSet> backupData() {
    return java.util.Optional.of(this);
  }

  @Override
  protected java.util.List<String> fillStatements(String table, long from, long to, int seed) {
    return java.util.List.of(
        "INSERT INTO "
            + table
            + " SELECT g, (SELECT string_agg(md5(g::text || ':' || i || 's"
            + seed
            + "'), '') FROM generate_series(1, 32) i) FROM generate_series("
            + from
            + ", "
            + (to - 1)
            + ") g");
  }

  @Override
  protected String checksumQuery(String table) {
    return "SELECT count(*)::text || ':' || coalesce(md5(string_agg(id::text || md5(payload), ','"
        + " ORDER BY id)), '') FROM "
        + table;
  }

  @Override
  protected boolean refused(SQLException e) {
    return REFUSED.contains(e.getSQLState());
  }

  @Override
  protected String loginDatabase() {
    return "postgres";
  }

  @Override
  protected Connection connect(
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
