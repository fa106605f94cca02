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

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.datastore.DatabaseSpec;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {
  @Test
  void createDatabaseWithDefaults() {
    assertThat(PostgresqlDatabaseAdmin.createStatement(DatabaseSpec.named("app")))
        .isEqualTo("CREATE DATABASE \"app\"");
  }

  @Test
  void createDatabaseWithCharacterSetAndCollation() {
    assertThat(
            PostgresqlDatabaseAdmin.createStatement(
                new DatabaseSpec("App", Optional.of("utf-8"), Optional.of("C.UTF-8"))))
        .isEqualTo(
            "CREATE DATABASE \"App\" TEMPLATE template0 ENCODING 'UTF8'"
                + " LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'");
    assertThat(
            PostgresqlDatabaseAdmin.createStatement(
                new DatabaseSpec("legacy", Optional.of("latin1"), Optional.empty())))
        .as("a non-UTF8 encoding needs the C locale")
        .isEqualTo(
            "CREATE DATABASE \"legacy\" TEMPLATE template0 ENCODING 'LATIN1'"
                + " LC_COLLATE 'C' LC_CTYPE 'C'");
  }

  @Test
  void mapsSqlStates() {
    assertThat(code("08001")).isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(code("08006")).isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(code("57P03")).isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(code("28P01")).isEqualTo(PostgresqlErrorCode.ADMIN_AUTHENTICATION_FAILED);
    assertThat(code("3D000")).isEqualTo(StandardErrorCode.NOT_FOUND);
    assertThat(code("42704")).isEqualTo(StandardErrorCode.NOT_FOUND);
    assertThat(code("22023")).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
    assertThat(code("57014")).isEqualTo(StandardErrorCode.TIMEOUT);
    assertThat(code("42601")).isEqualTo(PostgresqlErrorCode.STATEMENT_FAILED);
    assertThat(
            EngineConnections.translate(new SQLException("refused", "08001"), "Connecting")
                .isRetryable())
        .isTrue();
    assertThat(
            EngineConnections.code(
                new SQLException("x", null, new java.net.ConnectException("refused")), ""))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
  }

  private static Object code(String state) {
    return EngineConnections.code(new SQLException("failure", state), state);
  }
}
