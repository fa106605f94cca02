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
package dev.steward.backup.mysqldump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.mysql.MariadbBackupFixture;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.tck.ProcessArgumentScanner;
import dev.steward.tck.RestoreParts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strategy through the SPI against real MariaDB servers on the local platform (127.104.*): dump
 * a running instance with about 4 MB in two databases, restore into a new running instance (twice:
 * a repeated restore starts over), compare checksums and counts, and watch every process's
 * arguments for the password meanwhile.
 */
class MysqldumpRoundTripTest {
  @TempDir Path temporaryDirectory;

  @BeforeAll
  static void requireMariadb() {
    String skip = MariadbBackupFixture.skipReason();
    if (skip != null) {
      System.err.println("!!!!! SKIPPED MysqldumpRoundTripTest: " + skip);
      Assumptions.abort(skip);
    }
  }

  @Test
  void dumpAndRestoreEveryUserDatabase() throws Exception {
    Secret password = Secret.of("Md" + UUID.randomUUID().toString().replace("-", ""));
    BackupStrategy strategy =
        new MysqldumpStrategyFactory().create(new PluginConfig("mysqldump", Map.of()));
    Path dump = temporaryDirectory.resolve("dump.sql");
    try (MariadbBackupFixture fixture = new MariadbBackupFixture(temporaryDirectory, "127.104");
        ProcessArgumentScanner scanner = new ProcessArgumentScanner()) {
      scanner.watch(password.reveal());
      BackupSupport support = fixture.datastore().backups().orElseThrow();
      InstanceContext source = fixture.running("md-src", password);

      BackupResult empty;
      Path emptyDump = temporaryDirectory.resolve("empty.sql");
      try (OutputStream out = Files.newOutputStream(emptyDump)) {
        empty = strategy.backup(request(source, support), out);
      }
      assertThat(empty.metadata()).containsEntry("databases", "");
      assertThat(empty.metadata()).containsEntry("users", "0");
      assertThat(Files.readString(emptyDump))
          .isEqualTo(MysqldumpStrategy.EMPTY_DUMP + AccountCommands.script(List.of(), ""));

      MariadbBackupFixture.loadSample(source);
      String expected = MariadbBackupFixture.sampleFingerprint(source);
      // A user the tenant created (through the datastore, as the API does), and a table grant.
      Secret appPassword = Secret.of("App" + UUID.randomUUID().toString().replace("-", ""));
      scanner.watch(appPassword.reveal());
      UserAdmin users = fixture.datastore().users().orElseThrow();
      UserRef app = new UserRef("app", UserRef.ANY_HOST);
      users.create(source, new UserSpec(app, appPassword, List.of("shop")));
      MariadbBackupFixture.sql(source, "GRANT SELECT ON `app-2`.events TO 'app'@'%'");
      long started = System.nanoTime();
      BackupResult result;
      try (OutputStream out = Files.newOutputStream(dump)) {
        result = strategy.backup(request(source, support), out);
      }
      long backupMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(result.metadata())
          .containsEntry("databases", "app-2,shop")
          .containsEntry("users", "1")
          .containsEntry("tool", "mariadb-dump")
          .containsKeys("binlog_file", "binlog_position", "gtid_position");
      assertThat(result.metadata().get("gtid_position")).matches("[0-9]+-[0-9]+-[0-9]+");
      assertThat(Files.size(dump)).isGreaterThan(2_000_000);
      String text = Files.readString(dump, StandardCharsets.ISO_8859_1);
      for (String expectedText : List.of("CREATE DATABASE", "PROCEDURE `total`", "count_orders")) {
        assertThat(text.contains(expectedText)).as("the dump holds " + expectedText).isTrue();
      }
      assertThat(text.contains(password.reveal())).as("the dump holds the password").isFalse();
      assertNoOptionFileLeft(source);

      InstanceContext target = fixture.running("md-dst", password);
      started = System.nanoTime();
      strategy.restore(new RestoreRequest(target, support.tools(target), List.of(part(dump))));
      long restoreMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(MariadbBackupFixture.sampleFingerprint(target)).isEqualTo(expected);
      // The step repeated after a crash: the script drops and recreates each database.
      MariadbBackupFixture.addOrders(target, 10);
      strategy.restore(new RestoreRequest(target, support.tools(target), List.of(part(dump))));
      assertThat(MariadbBackupFixture.sampleFingerprint(target)).isEqualTo(expected);
      assertNoOptionFileLeft(target);
      // The user logs in with its old password (its hash was carried) and keeps its grants.
      assertThat(users.access(target, app)).containsExactly("shop");
      assertThat(count(target, appPassword, "shop.customers")).isEqualTo(10000);
      assertThat(count(target, appPassword, "`app-2`.events")).isEqualTo(5000);
      assertThat(strategy.restoreNotices(List.of(part(dump)))).isNotEmpty();
      assertThat(
              strategy.restoreNotices(
                  List.of(RestoreParts.ofFile("bk-1", result.metadata(), dump))))
          .isEmpty();

      assertThatThrownBy(() ->
              strategy.restore(
                  new RestoreRequest(
                      target, support.tools(target), List.of(part(dump), part(dump)))))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.BACKUP_INCOMPATIBLE)).isTrue());
      assertThat(scanner.scans()).isPositive();
      assertThat(scanner.findings()).isEmpty();
      System.out.printf(
          "mysqldump: %d bytes, backup %d ms, restore %d ms%n",
          Files.size(dump), backupMillis, restoreMillis);
    }
  }

  /** Counts a table's rows as {@code app} over TCP, the way the tenant's client would. */
  private static long count(InstanceContext instance, Secret password, String table)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "app");
    properties.setProperty("password", password.reveal());
    properties.setProperty("connectTimeout", "10000");
    try (Connection connection =
            new org.mariadb.jdbc.Driver()
                .connect(
                    "jdbc:mariadb://" + instance.host().address().getHostAddress() + ":3306/",
                    properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      assertThat(rows.next()).isTrue();
      return rows.getLong(1);
    }
  }

  private static BackupRequest request(InstanceContext instance, BackupSupport support) {
    return new BackupRequest("bk-1", instance, support.tools(instance), Optional.empty());
  }

  private static void assertNoOptionFileLeft(InstanceContext instance) throws IOException {
    try (Stream<Path> files = Files.list(instance.host().directory(HostDirectory.CONFIG))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .noneMatch(name -> name.startsWith("mysqldump-"));
    }
  }

  private static RestorePart part(Path file) {
    return RestoreParts.ofFile(file.getFileName().toString(), Map.of(), file);
  }
}
