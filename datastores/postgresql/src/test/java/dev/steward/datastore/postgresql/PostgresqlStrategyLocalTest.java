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

import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.Platform;
import dev.steward.tck.BaseStrategyLocalTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The strategy-level local suite for a PostgreSQL backup strategy (pg_dump, pg_basebackup): real
 * PostgreSQL servers on the local platform under the strategy's own loopback prefix, and JDBC
 * connections to them. A strategy's test names its prefix and its strategy.
 */
public abstract class PostgresqlStrategyLocalTest extends BaseStrategyLocalTest {
  /** Row count and checksum of the {@code items (id, v)} table the suites fill. */
  protected static final String CHECKSUM_SQL =
      "SELECT count(*) || ':' || md5(string_agg(id || '=' || v, ',' ORDER BY id)) FROM items";

  private final String addressPrefix;

  /** {@code addressPrefix}: the loopback prefix of this suite's servers, e.g. {@code 127.101}. */
  protected PostgresqlStrategyLocalTest(String addressPrefix) {
    this.addressPrefix = addressPrefix;
  }

  @Override
  protected final Platform createPlatform(Path directory) {
    return LocalPlatformFactory.inDirectory(directory, addressPrefix);
  }

  @Override
  protected final Datastore createDatastore() {
    PluginConfig datastoreConfig = new PluginConfig("postgresql", Map.of("initdb-sync", "false"));
    return new PostgresqlDatastoreFactory().create(() -> datastoreConfig);
  }

  /** A connection as {@code postgres}, the internal administrator. */
  protected static Connection connect(Host host, String database, Secret password)
      throws SQLException {
    return connect(host, database, "postgres", password);
  }

  /** A connection as {@code user} to {@code database} (any name: it is URL-encoded). */
  protected static Connection connect(Host host, String database, String user, Secret password)
      throws SQLException {
    return jdbc(
        "jdbc:postgresql://"
            + host.address().getHostAddress()
            + ":5432/"
            + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20")
            + "?connectTimeout=10",
        user,
        password);
  }
}
