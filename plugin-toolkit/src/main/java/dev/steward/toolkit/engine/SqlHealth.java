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
package dev.steward.toolkit.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.Health;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;

/**
 * The health probe of a SQL engine reached over JDBC: log in as the administrator and run {@code
 * SELECT 1}. Called from a {@link TemplateEngineLifecycle#probeHealth} hook, on the caller's
 * thread, only while the server process runs.
 */
public final class SqlHealth {
  private SqlHealth() {}

  /** Opens a new administrator connection (the probe closes it). */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }

  /**
   * HEALTHY when {@code SELECT 1} answers, RUNNING with {@code describe}'s words for the engine's
   * error otherwise (an SQLState or an error number, never the statement or a secret).
   */
  public static Health selectOne(ConnectionSource source, Function<SQLException, String> describe) {
    requireNonNull(source, "source is null");
    requireNonNull(describe, "describe is null");
    try (Connection connection = source.open();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return new Health(Health.Status.HEALTHY, "The server answers queries");
    } catch (SQLException e) {
      return new Health(
          Health.Status.RUNNING,
          "The server process runs but does not answer (" + describe.apply(e) + ")");
    }
  }
}
