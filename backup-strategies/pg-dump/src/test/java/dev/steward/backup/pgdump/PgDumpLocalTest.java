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
package dev.steward.backup.pgdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.postgresql.PostgresqlStrategyLocalTest;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.tck.RestoreParts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * pg_dump through the SPI against real PostgreSQL servers run by the local platform: every user
 * database of a source dumped into one stream, restored logically into a second, running host
 * (CREATE DATABASE + pg_restore), row counts and checksums compared, and no password on any command
 * line meanwhile.
 */
class PgDumpLocalTest extends PostgresqlStrategyLocalTest {
  private final Secret appPassword = Secret.of("app-" + UUID.randomUUID());

  PgDumpLocalTest() {
    super("127.101");
  }

  @Override
  protected BackupStrategy createStrategy() {
    return new PgDumpPlugin.Factory().create(new PluginConfig("pg_dump", Map.of()));
  }

  @Override
  protected List<Secret> watchedSecrets() {
    return List.of(appPassword);
  }

  private static final String ODD = "Odd \"name\" 'x'=1";

  @Test
  void everyUserDatabaseIsDumpedAndRestored() throws Exception {
    assertThat(strategy.restoreMode()).isEqualTo(RestoreMode.LOGICAL);
    InstanceContext source = running("dp-src-" + suffix);
    try (Connection connection = connect(source.host(), "postgres", adminPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE shop");
      statement.execute(
          "CREATE DATABASE "
              + PgDumpStrategy.identifier(ODD)
              + " TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
    }
    String expectedShop = fill(source, "shop", 40000);
    String expectedOdd = fill(source, ODD, 100);
    // A user the tenant created, with access to shop, owning a table and a member of a role.
    UserAdmin users = datastore.users().orElseThrow();
    UserRef app = new UserRef("app", UserRef.ANY_HOST);
    users.create(source, new UserSpec(app, appPassword, List.of("shop")));
    try (Connection connection = connect(source.host(), "shop", "app", appPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE app_notes (note text)");
      statement.execute("INSERT INTO app_notes VALUES ('kept')");
    }
    try (Connection connection = connect(source.host(), "postgres", adminPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE readers NOLOGIN");
      statement.execute("GRANT readers TO app");
      statement.execute("ALTER ROLE app CONNECTION LIMIT 7");
    }

    FileBackup backup = backup(source, temporaryDirectory.resolve("dump.bin"));
    Path file = backup.file();
    assertThat(backup.result().metadata())
        .containsEntry("databases", "2")
        .containsEntry("database.0", ODD)
        .containsEntry("database.1", "shop")
        .containsEntry("format", "steward-pgdump-v2")
        .containsEntry("roles", "2");
    assertThat(strategy.restoreNotices(List.of(backup.part()))).isEmpty();
    assertThat(Files.size(file)).isGreaterThan(100_000);

    InstanceContext target = running("dp-dst-" + suffix);
    try (Connection connection = connect(target.host(), "postgres", adminPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE shop"); // left by an interrupted attempt
    }
    try (Connection connection = connect(target.host(), "shop", adminPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
      statement.execute("INSERT INTO items VALUES (1, 'half-restored')");
    }
    long restoreMillis = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
      restoreMillis = restore(target, List.of(backup.part()));
      assertThat(checksum(target, "shop")).isEqualTo(expectedShop);
      assertThat(checksum(target, ODD)).isEqualTo(expectedOdd);
    }
    // The user logs in with its old password, owns its table, reads the admin's and is a member.
    try (Connection connection = connect(target.host(), "shop", "app", appPassword);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SELECT note FROM app_notes")).isEqualTo("kept");
      assertThat(queryString(statement, CHECKSUM_SQL)).isEqualTo(expectedShop);
      assertThat(
              queryString(
                  statement, "SELECT tableowner FROM pg_tables WHERE tablename = 'app_notes'"))
          .isEqualTo("app");
      assertThat(queryString(statement, "SELECT pg_has_role('app', 'readers', 'MEMBER')::text"))
          .isEqualTo("true");
      assertThat(
              queryString(
                  statement, "SELECT rolconnlimit::text FROM pg_roles WHERE rolname = 'app'"))
          .isEqualTo("7");
    }
    assertThat(users.access(target, app)).containsExactly("shop");
    try (Connection connection = connect(target.host(), "postgres", adminPassword);
        Statement statement = connection.createStatement()) {
      assertThat(
              queryString(
                  statement,
                  "SELECT count(*)::text FROM pg_authid a JOIN pg_authid s ON true"
                      + " WHERE a.rolname = 'app' AND a.rolpassword LIKE 'SCRAM-SHA-256$%'"
                      + " AND s.rolname = 'postgres'"))
          .isEqualTo("1");
      assertThat(
              queryString(
                  statement,
                  "SELECT datcollate || '/' || pg_encoding_to_char(encoding) FROM pg_database"
                      + " WHERE datname = "
                      + PgDumpStrategy.literal(ODD)))
          .isEqualTo("C/UTF8");
    }
    System.out.printf(
        "pg_dump: %d bytes (2 databases), backup %d ms, restore %d ms%n",
        Files.size(file), backup.millis(), restoreMillis);

    datastore.lifecycle().stop(source);
    datastore.lifecycle().stop(target);
    assertNoSecretOnCommandLines();
  }

  @Test
  void aDamagedStreamIsRefusedBeforeAnyDatabaseIsTouched() {
    InstanceContext target = instance("dp-bad-" + suffix);
    datastore.lifecycle().prepare(target);
    RestorePart garbage =
        RestoreParts.of(
            "bk-bad",
            Map.of(),
            () -> new ByteArrayInputStream("PGDMP not framed".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> restore(target, List.of(garbage)))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(PgDumpErrorCode.ARCHIVE_INVALID)).isTrue());
  }

  private String fill(InstanceContext instance, String database, int rows) throws SQLException {
    try (Connection connection = connect(instance.host(), database, adminPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
      statement.execute(
          "INSERT INTO items SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, "
              + rows
              + ") g");
      return queryString(statement, CHECKSUM_SQL);
    }
  }

  private String checksum(InstanceContext instance, String database) throws SQLException {
    try (Connection connection = connect(instance.host(), database, adminPassword);
        Statement statement = connection.createStatement()) {
      return queryString(statement, CHECKSUM_SQL);
    }
  }
}
