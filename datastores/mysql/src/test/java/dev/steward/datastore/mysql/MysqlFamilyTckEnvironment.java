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

import dev.steward.spi.Secret;
import dev.steward.tck.EngineClient;
import dev.steward.tck.JdbcEngineClient;
import dev.steward.tck.TckEnvironment;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The family's TCK wiring, shared by every member (the per-member "mixin" only names the datastore,
 * its address range and its server binary): the local platform, and a real client (MariaDB
 * Connector/J, which speaks to MySQL 8 as well) for the checks a tenant's application would make.
 */
public abstract class MysqlFamilyTckEnvironment extends JdbcEngineClient implements TckEnvironment {
  /**
   * Errors meaning "you may not": access denied (1045), no database privilege (1044), no table
   * privilege (1142, 1227), account locked (MariaDB 4151, MySQL 3118).
   */
  private static final Set<Integer> REFUSED = Set.of(1044, 1045, 1142, 1227, 3118, 4151);

  private final Distribution distribution;
  private final String serverVariable;
  private final String addressPrefix;

  /**
   * {@code serverVariable}: the environment variable that may name the member's server binary;
   * {@code addressPrefix}: the local platform's address prefix for this member's tests.
   */
  protected MysqlFamilyTckEnvironment(
      Distribution distribution, String serverVariable, String addressPrefix) {
    this.distribution = distribution;
    this.serverVariable = serverVariable;
    this.addressPrefix = addressPrefix;
  }

  /** The datastore's name, such as {@code mariadb}. */
  @Override
  public final String datastore() {
    return distribution.name();
  }

  /** The server binary to use (the suite is skipped when there is none). */
  protected final Path serverProgram() {
    return ServerBinaries.require(distribution, serverVariable);
  }

  @Override
  public Map<String, String> properties(Path dataDirectory) {
    Map<String, String> properties = new HashMap<>();
    properties.put("local.base-dir", dataDirectory.resolve("i").toString());
    properties.put("local.address-prefix", addressPrefix);
    properties.put(datastore() + ".server-program", serverProgram().toString());
    // Small buffer pools: TCK instances hold a few rows.
    properties.put(datastore() + ".buffer-pool-percent", "5");
    return Map.copyOf(properties);
  }

  @Override
  public EngineClient client() {
    return this;
  }

  @Override
  public java.util.Optional<dev.steward.tck.BackupDataSet> backupData() {
    return java.util.Optional.of(this);
  }

  /** Batches of 1000 rows from a recursive CTE (MariaDB and MySQL 8 both have them). */
  @Override
  protected java.util.List<String> fillStatements(String table, long from, long to, int seed) {
    java.util.List<String> statements = new java.util.ArrayList<>();
    for (long start = from; start < to; start += 1000) {
      long end = Math.min(to, start + 1000) - 1;
      statements.add(
          "INSERT INTO "
              + table
              + " (id, payload) SELECT n, "
              + payload(seed)
              + " FROM (WITH RECURSIVE g(n) AS (SELECT "
              + start
              + " UNION ALL SELECT n + 1 FROM g WHERE n < "
              + end
              + ") SELECT n FROM g) numbers");
    }
    return statements;
  }

  /** 32 different md5s of the row number: 1 KB that compresses about as well as hex does. */
  private static String payload(int seed) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (int i = 0; i < 32; i++) {
      parts.add("MD5(CONCAT(n, ':" + i + "s" + seed + "'))");
    }
    return "CONCAT(" + String.join(", ", parts) + ")";
  }

  @Override
  protected String checksumQuery(String table) {
    return "SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT(id, ':', payload))), 0)) FROM "
        + table;
  }

  @Override
  protected boolean refused(SQLException e) {
    return REFUSED.contains(e.getErrorCode());
  }

  @Override
  protected Connection connect(
      InetSocketAddress endpoint, String user, Secret password, String database)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password.reveal());
    properties.setProperty("connectTimeout", "10000");
    properties.setProperty("allowPublicKeyRetrieval", "true");
    Connection connection =
        new org.mariadb.jdbc.Driver()
            .connect(
                "jdbc:mariadb://"
                    + endpoint.getHostString()
                    + ":"
                    + endpoint.getPort()
                    + "/"
                    + database,
                properties);
    if (connection == null) {
      throw new SQLException("driver refused the URL");
    }
    return connection;
  }
}
