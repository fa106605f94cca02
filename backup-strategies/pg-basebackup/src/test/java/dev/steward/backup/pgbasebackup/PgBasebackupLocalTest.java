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
package dev.steward.backup.pgbasebackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.postgresql.PostgresqlStrategyLocalTest;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.tck.RestoreParts;
import dev.steward.toolkit.engine.PreparedMarker;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * pg_basebackup through the SPI against real PostgreSQL servers run by the local platform: a backup
 * of a source with a few MB of data, a physical restore into a second host (strategy restore,
 * {@code BackupSupport.restored}, start), row counts and checksums compared, and no password on any
 * command line meanwhile.
 */
class PgBasebackupLocalTest extends PostgresqlStrategyLocalTest {
  private final Secret appPassword = Secret.of("app-" + UUID.randomUUID());

  PgBasebackupLocalTest() {
    super("127.100");
  }

  @Override
  protected BackupStrategy createStrategy() {
    return new PgBasebackupPlugin.Factory().create(new PluginConfig("pg_basebackup", Map.of()));
  }

  @Override
  protected List<Secret> watchedSecrets() {
    return List.of(appPassword);
  }

  @Test
  void physicalBackupRestoresIntoASecondHost() throws Exception {
    BackupSupport support = support();
    assertThat(support.strategies(datastore.versions().getFirst()))
        .containsExactly("pg_basebackup", "pg_dump", "volume-snapshot");
    assertThat(strategy.datastores()).contains(datastore.name());

    InstanceContext source = running("bb-src-" + suffix);
    String expected;
    try (Connection connection = connect(source.host(), "postgres", adminPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE shop");
      statement.execute("CREATE ROLE app LOGIN");
    }
    try (Connection connection = connect(source.host(), "shop", adminPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
      statement.execute(
          "INSERT INTO items SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 40000) g");
      expected = queryString(statement, CHECKSUM_SQL);
    }

    FileBackup backup = backup(source, temporaryDirectory.resolve("base.tar"));
    Path file = backup.file();
    assertThat(Files.size(file)).isGreaterThan(4_000_000);
    assertThat(backup.result().metadata())
        .containsEntry("format", "tar")
        .containsEntry("server-version", source.version().number())
        .containsEntry("bytes", Long.toString(Files.size(file)))
        .containsKeys("start-lsn", "end-lsn", "timeline");
    try (Connection connection = connect(source.host(), "shop", adminPassword);
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO items VALUES (0, 'written after the backup')");
    }

    InstanceContext target = instance("bb-dst-" + suffix);
    // What an interrupted earlier attempt left: the restore starts over.
    target.host().writeFile(HostDirectory.DATA, "pgdata/junk", new byte[] {1, 2, 3});
    long started = System.nanoTime();
    restore(target, List.of(backup.part()));
    support.restored(target);
    datastore.lifecycle().start(target);
    long restoreMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(target.host().readFile(HostDirectory.DATA, "pgdata/junk")).isEmpty();
    assertThat(PreparedMarker.isPrepared(target.host())).isTrue();
    try (Connection connection = connect(target.host(), "shop", adminPassword);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, CHECKSUM_SQL)).isEqualTo(expected);
      assertThat(queryString(statement, "SELECT count(*) FROM pg_roles WHERE rolname = 'app'"))
          .isEqualTo("1");
      assertThat(queryString(statement, "SHOW listen_addresses"))
          .isEqualTo(target.host().address().getHostAddress());
    }
    System.out.printf(
        "pg_basebackup: %d bytes, backup %d ms, restore+adopt+start %d ms%n",
        Files.size(file), backup.millis(), restoreMillis);

    datastore.lifecycle().stop(source);
    datastore.lifecycle().stop(target);
    assertNoSecretOnCommandLines();
  }

  @Test
  void aStreamThatIsNoTarFailsWithTheToolsMessage() {
    InstanceContext target = instance("bb-bad-" + suffix);
    BackupSupport support = support();
    RestorePart garbage =
        RestoreParts.of(
            "bk-bad",
            Map.of(),
            () ->
                new ByteArrayInputStream(
                    "this is not a tar archive, not even close"
                        .repeat(100)
                        .getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> restore(target, List.of(garbage)))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.COMMAND_FAILED)).isTrue());
    assertThatThrownBy(() -> restore(target, List.of(garbage, garbage)))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.BACKUP_INCOMPATIBLE)).isTrue());
    assertThatThrownBy(() -> support.restored(target))
        .isInstanceOf(StewardException.class)
        .hasMessageContaining("PG_VERSION");
  }
}
