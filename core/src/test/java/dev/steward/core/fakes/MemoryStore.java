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
package dev.steward.core.fakes;

import dev.steward.core.config.StewardConfig;
import dev.steward.core.store.Store;
import dev.steward.spi.PluginConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A state store in memory: H2 in PostgreSQL mode, migrated like every store, one database per name.
 * It lives until {@link #drop}, so that several {@link Store}s (control-plane nodes) can share it.
 */
public final class MemoryStore {
  private MemoryStore() {}

  /** A fresh database's URL. */
  public static String newUrl() {
    return "jdbc:h2:mem:steward-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
  }

  /** A migrated store on a fresh database. */
  public static Store open() {
    return open(newUrl());
  }

  /** A migrated store on the database of {@code url}. */
  public static Store open(String url) {
    return new Store(
        StewardConfig.from(
            new PluginConfig(
                "steward", Map.of("datastores", "test", "store.url", url, "workers", "1"))));
  }

  /** Drops the database of {@code url}. */
  public static void drop(String url) {
    try (Connection connection = DriverManager.getConnection(url, "steward", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + url, e);
    }
  }
}
