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
package dev.steward.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steward.core.config.StewardConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state store: a pooled JDBC data source (embedded H2 file by default, PostgreSQL for
 * production and for several control-plane processes sharing one store), schema migrations, and
 * transactions that turn store failures into retryable {@code STORE_FAILURE} errors.
 */
public final class Store implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);
  static final List<String> MIGRATIONS =
      List.of(
          "V1__init.sql",
          "V2__quotas.sql",
          "V3__backups.sql",
          "V4__operation_resources.sql",
          "V5__backup_readers.sql");

  /** How many migrations a fully migrated store has applied. */
  public static final int MIGRATION_COUNT = MIGRATIONS.size();

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  public Store(StewardConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.storeUrl());
    hikari.setUsername(config.storeUser());
    config.storePassword().ifPresent(password -> hikari.setPassword(password.reveal()));
    hikari.setMaximumPoolSize(Math.max(4, Math.min(config.workers() + 4, 32)));
    hikari.setPoolName("steward-store");
    hikari.setConnectionTimeout(10_000);
    try {
      this.dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StewardException(
          StandardErrorCode.STORE_FAILURE, "Cannot open the state store: " + e.getMessage(), e);
    }
    this.jdbi = Jdbi.create(dataSource);
    migrate();
  }

  public <T> T inTransaction(Function<Handle, T> work) {
    return guarded(() -> jdbi.inTransaction(work::apply));
  }

  public <T> T withHandle(Function<Handle, T> work) {
    return guarded(() -> jdbi.withHandle(work::apply));
  }

  /** Runs {@code call}, turning a store failure into a retryable STORE_FAILURE. */
  private static <T> T guarded(Supplier<T> call) {
    try {
      return call.get();
    } catch (JdbiException e) {
      throw new StewardException(
          StandardErrorCode.STORE_FAILURE, "State store failure: " + e.getMessage(), e);
    }
  }

  private void migrate() {
    inTransaction(handle -> {
      handle.execute(
          "CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL)");
      int current =
          handle
              .createQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")
              .mapTo(Integer.class)
              .one();
      for (int i = current; i < MIGRATIONS.size(); i++) {
        String name = MIGRATIONS.get(i);
        LOG.info("Applying store migration {}", name);
        for (String statement : read(name).split(";")) {
          if (!statement.isBlank()) {
            handle.execute(statement);
          }
        }
        handle.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", i + 1, name);
      }
      return null;
    });
  }

  private static String read(String name) {
    try (InputStream in = Store.class.getResourceAsStream("/db/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
