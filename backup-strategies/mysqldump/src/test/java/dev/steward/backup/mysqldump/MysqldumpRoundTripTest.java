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
import dev.steward.spi.platform.HostDirectory;
import dev.steward.tck.ProcessArgumentScanner;
import dev.steward.tck.RestoreParts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      assertThat(Files.readString(emptyDump)).isEqualTo(MysqldumpStrategy.EMPTY_DUMP);

      MariadbBackupFixture.loadSample(source);
      String expected = MariadbBackupFixture.sampleFingerprint(source);
      long started = System.nanoTime();
      BackupResult result;
      try (OutputStream out = Files.newOutputStream(dump)) {
        result = strategy.backup(request(source, support), out);
      }
      long backupMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(result.metadata())
          .containsEntry("databases", "app-2,shop")
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
