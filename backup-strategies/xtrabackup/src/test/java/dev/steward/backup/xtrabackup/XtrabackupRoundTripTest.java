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
package dev.steward.backup.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.tck.ProcessArgumentScanner;
import dev.steward.tck.RestoreParts;
import java.io.IOException;
import java.io.OutputStream;
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
 * The strategy through the SPI against real MariaDB servers and mariabackup on the local platform
 * (127.105.*): a full backup of about 4 MB of rows, more writes, an incremental backup on top, then
 * the chain restored into a new host (restore, BackupSupport.restored, start) showing the later
 * writes; the same host restored again from the full backup alone (a repeated restore starts over);
 * broken chains refused; the password never in any process's arguments.
 */
class XtrabackupRoundTripTest {
  @TempDir Path temporaryDirectory;

  @BeforeAll
  static void requireMariadbAndMariabackup() {
    String skip = MariadbBackupFixture.skipReason();
    if (skip == null && !onPath("mariabackup")) {
      skip = "mariabackup is not installed (Debian package mariadb-backup)";
    }
    if (skip != null) {
      System.err.println("!!!!! SKIPPED XtrabackupRoundTripTest: " + skip);
      Assumptions.abort(skip);
    }
  }

  @Test
  void fullAndIncrementalChainRoundTrip() throws Exception {
    Secret password = Secret.of("Xb" + UUID.randomUUID().toString().replace("-", ""));
    BackupStrategy strategy =
        new XtrabackupStrategyFactory().create(new PluginConfig("xtrabackup", Map.of()));
    Path full = temporaryDirectory.resolve("full.xb");
    Path incremental = temporaryDirectory.resolve("incremental.xb");
    try (MariadbBackupFixture fixture = new MariadbBackupFixture(temporaryDirectory, "127.105");
        ProcessArgumentScanner scanner = new ProcessArgumentScanner()) {
      scanner.watch(password.reveal());
      Datastore datastore = fixture.datastore();
      BackupSupport support = datastore.backups().orElseThrow();
      InstanceContext source = fixture.running("xb-src", password);
      MariadbBackupFixture.loadSample(source);
      String atFull = MariadbBackupFixture.sampleFingerprint(source);

      long started = System.nanoTime();
      BackupResult fullResult = backup(strategy, support, source, Optional.empty(), full);
      long fullMillis = millisSince(started);
      assertThat(fullResult.metadata())
          .containsEntry("tool", "mariabackup")
          .containsEntry("incremental", "false")
          .containsEntry("from_lsn", "0")
          .containsKeys("to_lsn", "backup_type", "binlog_pos");
      assertThat(Long.parseLong(fullResult.metadata().get("to_lsn"))).isPositive();

      MariadbBackupFixture.addOrders(source, 3000);
      MariadbBackupFixture.sql(source, "UPDATE shop.customers SET note = 'changed' WHERE id < 50");
      String atIncremental = MariadbBackupFixture.sampleFingerprint(source);
      assertThat(atIncremental).isNotEqualTo(atFull);
      started = System.nanoTime();
      BackupResult incrementalResult =
          backup(strategy, support, source, Optional.of(fullResult.metadata()), incremental);
      long incrementalMillis = millisSince(started);
      assertThat(incrementalResult.metadata())
          .containsEntry("incremental", "true")
          .containsEntry("from_lsn", fullResult.metadata().get("to_lsn"));
      assertThat(Files.size(incremental)).isLessThan(Files.size(full));
      assertNothingLeft(source);

      InstanceContext target = fixture.provision("xb-dst", password);
      RestorePart fullPart = part(full, fullResult);
      RestorePart incrementalPart = part(incremental, incrementalResult);
      started = System.nanoTime();
      strategy.restore(
          new RestoreRequest(target, support.tools(target), List.of(fullPart, incrementalPart)));
      support.restored(target);
      datastore.lifecycle().start(target);
      long restoreMillis = millisSince(started);
      assertThat(MariadbBackupFixture.sampleFingerprint(target)).isEqualTo(atIncremental);

      // The restore step repeated (here with the full backup alone): it starts over.
      datastore.lifecycle().stop(target);
      strategy.restore(new RestoreRequest(target, support.tools(target), List.of(fullPart)));
      support.restored(target);
      datastore.lifecycle().start(target);
      assertThat(MariadbBackupFixture.sampleFingerprint(target)).isEqualTo(atFull);
      assertThat(target.host().directory(HostDirectory.TMP).resolve("xtrabackup-restore"))
          .doesNotExist();

      Map<String, String> gap = new java.util.HashMap<>(incrementalResult.metadata());
      gap.put("from_lsn", Long.toString(Long.parseLong(gap.get("from_lsn")) + 1));
      RestorePart notAChild = part(incremental, new BackupResult(gap));
      for (List<RestorePart> broken :
          List.of(List.of(incrementalPart), List.of(fullPart, notAChild))) {
        Throwable thrown =
            catchThrowable(
                () -> strategy.restore(new RestoreRequest(target, support.tools(target), broken)));
        assertThat(thrown)
            .as("a chain of %d parts: %s then %s", broken.size(), fullResult, incrementalResult)
            .isInstanceOfSatisfying(
                StewardException.class,
                e -> assertThat(e.is(StandardErrorCode.BACKUP_INCOMPATIBLE)).isTrue());
      }
      assertThat(scanner.scans()).isPositive();
      assertThat(scanner.findings()).isEmpty();
      System.out.printf(
          "xtrabackup: full %d bytes in %d ms, incremental %d bytes in %d ms,"
              + " restore of the chain (+ restored + start) %d ms%n",
          Files.size(full), fullMillis, Files.size(incremental), incrementalMillis, restoreMillis);
    }
  }

  private static BackupResult backup(
      BackupStrategy strategy,
      BackupSupport support,
      InstanceContext source,
      Optional<Map<String, String>> parent,
      Path file)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      return strategy.backup(
          new BackupRequest(file.getFileName().toString(), source, support.tools(source), parent),
          out);
    }
  }

  private static void assertNothingLeft(InstanceContext instance) throws IOException {
    try (Stream<Path> files = Files.list(instance.host().directory(HostDirectory.CONFIG))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .noneMatch(name -> name.startsWith("xtrabackup-"));
    }
    try (Stream<Path> files = Files.list(instance.host().directory(HostDirectory.TMP))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .noneMatch(name -> name.startsWith(XtrabackupStrategy.BACKUP_WORK_PREFIX));
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(":"))
            .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
  }

  private static RestorePart part(Path file, BackupResult result) {
    return RestoreParts.ofFile(file.getFileName().toString(), result.metadata(), file);
  }
}
