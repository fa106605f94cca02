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
package dev.steward.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGKILLs the control plane (a separate JVM) inside a running backup and inside a running restore
 * (PostgreSQL, volume snapshot: the kill lands while the source server is frozen): the restarted
 * control plane thaws the server, takes the backup again from scratch to COMPLETED, and resumes the
 * restore to an ACTIVE instance holding the source's data.
 */
class BackupCrashRecoveryTest {
  private static final String PASSWORD = "Backup-crash-pass-1";
  private static final String PREFIX = "127.79";

  @Test
  void backupAndRestoreResumeAfterSigkill() throws Exception {
    Path data = Files.createTempDirectory("stwk");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    try {
      Process create =
          ControlPlaneProcess.launch(
              data,
              PREFIX,
              PASSWORD,
              "create",
              "--name",
              "src",
              "--database",
              "appdb",
              "--user",
              "app");
      List<String> created = ControlPlaneProcess.drain(create);
      assertThat(create.waitFor(200, TimeUnit.SECONDS)).isTrue();
      String source = idOf(created, "INSTANCE ");
      String sourceAddress = address(created, source);
      write(sourceAddress, 20_000);

      // kill inside the backup's one step, while the source server is frozen for its copy
      Process backup = ControlPlaneProcess.launch(data, PREFIX, PASSWORD, "backup", source);
      String backupId = killAt(backup, "EVENT backup.create stream-backup EXECUTE STARTED", 30);
      Process resumed =
          ControlPlaneProcess.launch(data, PREFIX, PASSWORD, "await-backup", backupId);
      List<String> resumedLines = ControlPlaneProcess.drain(resumed);
      assertThat(resumed.waitFor(200, TimeUnit.SECONDS)).isTrue();
      assertThat(resumedLines)
          .as("restarted control plane: %s", resumedLines)
          .anyMatch(line -> line.startsWith("BACKUPSTATE " + backupId + " COMPLETED"));
      // the source was thawed and serves writes
      assertThat(count(sourceAddress)).isEqualTo(20_000);
      write(sourceAddress, 1);

      // kill inside the restore's file step
      Process restore =
          ControlPlaneProcess.launch(
              data, PREFIX, PASSWORD, "create", "--name", "dst", "--restore", backupId);
      String restored = killAt(restore, "EVENT instance.restore restore-files EXECUTE STARTED", 20);
      Process awaited = ControlPlaneProcess.launch(data, PREFIX, PASSWORD, "await", restored);
      List<String> awaitedLines = ControlPlaneProcess.drain(awaited);
      assertThat(awaited.waitFor(200, TimeUnit.SECONDS)).isTrue();
      assertThat(awaitedLines)
          .as("restarted control plane: %s", awaitedLines)
          .anyMatch(line -> line.startsWith("STATE " + restored + " ACTIVE"));
      String restoredAddress = address(awaitedLines, restored);
      assertThat(restoredAddress).isNotEqualTo(sourceAddress);
      assertThat(count(restoredAddress)).isEqualTo(20_000);
      assertThat(ControlPlaneProcess.postmasters(data.resolve("i").resolve(restored))).hasSize(1);

      for (String instance : List.of(source, restored)) {
        Process delete = ControlPlaneProcess.launch(data, PREFIX, PASSWORD, "delete", instance);
        ControlPlaneProcess.drain(delete);
        assertThat(delete.waitFor(120, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      ControlPlaneProcess.removeLeftovers(data);
    }
  }

  /** Reads until the marker, waits {@code delayMillis}, SIGKILLs; returns the printed id. */
  private static String killAt(Process process, String marker, long delayMillis) throws Exception {
    BufferedReader output = ControlPlaneProcess.reader(process);
    String id = null;
    String line;
    boolean reached = false;
    while ((line = output.readLine()) != null) {
      if (line.startsWith("BACKUP ") || line.startsWith("INSTANCE ")) {
        id = line.substring(line.indexOf(' ') + 1).trim();
      }
      if (line.equals(marker)) {
        reached = true;
        break;
      }
    }
    assertThat(reached).as("the control plane reached %s", marker).isTrue();
    Thread.sleep(delayMillis);
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(id).isNotNull();
    return id;
  }

  private static String idOf(List<String> lines, String prefix) {
    return lines.stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + "line in " + lines));
  }

  private static String address(List<String> lines, String id) {
    return lines.stream()
        .filter(line -> line.startsWith("STATE " + id))
        .map(line -> line.replaceAll(".*address=(\\S+).*", "$1"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no STATE line for " + id + " in " + lines));
  }

  private static Connection connect(String address) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("user", "app");
    properties.setProperty("password", PASSWORD);
    return DriverManager.getConnection("jdbc:postgresql://" + address + ":5432/appdb", properties);
  }

  private static void write(String address, int rows) throws Exception {
    try (Connection connection = connect(address);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS t (id serial, v text)");
      statement.execute(
          "INSERT INTO t (v) SELECT repeat(md5(g::text), 8) FROM generate_series(1, "
              + rows
              + ") g");
    }
  }

  private static long count(String address) throws Exception {
    try (Connection connection = connect(address);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM t")) {
      result.next();
      return result.getLong(1);
    }
  }
}
