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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills the control plane (a separate JVM, SIGKILL) in the middle of an instance create, at several
 * step boundaries and inside a running step, then starts it again: the operation resumes to ACTIVE
 * with exactly one server, the user can use the database, and delete leaves no trace.
 */
class CrashRecoveryTest {
  private static final String PASSWORD = "Crash-test-pass-1";

  @ParameterizedTest(name = "kill at {0} {1}")
  @CsvSource({
    "provision-host, DONE, 0",
    "prepare-engine, STARTED, 150",
    "start-engine, DONE, 0",
    "create-databases, DONE, 0",
    "create-users, STARTED, 20",
  })
  void createResumesAfterSigkill(String step, String outcome, long delayMillis) throws Exception {
    Path data = Files.createTempDirectory("stwc");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    try {
      Process first =
          ControlPlaneProcess.launch(
              data,
              "127.81",
              PASSWORD,
              "create",
              "--name",
              "crash",
              "--database",
              "appdb",
              "--user",
              "app");
      BufferedReader output = ControlPlaneProcess.reader(first);
      String instanceId = null;
      String line;
      String marker = "EVENT instance.create " + step + " EXECUTE " + outcome;
      boolean reached = false;
      while ((line = output.readLine()) != null) {
        if (line.startsWith("INSTANCE ")) {
          instanceId = line.substring("INSTANCE ".length()).trim();
        }
        if (line.equals(marker)) {
          reached = true;
          break;
        }
      }
      assertThat(reached).as("the first control plane reached %s", marker).isTrue();
      Thread.sleep(delayMillis);
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(instanceId).isNotNull();
      String id = instanceId;

      Process second =
          ControlPlaneProcess.launch(data, "127.81", PASSWORD, "await", id, "--timeout", "180");
      List<String> resumed = ControlPlaneProcess.drain(second);
      assertThat(second.waitFor(200, TimeUnit.SECONDS)).isTrue();
      assertThat(resumed)
          .as("output of the restarted control plane: %s", resumed)
          .anyMatch(l -> l.startsWith("STATE " + id + " ACTIVE"));
      assertThat(resumed).noneMatch(l -> l.startsWith("EVENT") && l.endsWith(" FAILED"));
      assertThat(second.exitValue()).isZero();

      Path instanceDirectory = data.resolve("i").resolve(instanceId);
      assertThat(ControlPlaneProcess.postmasters(instanceDirectory))
          .as("servers for the instance")
          .hasSize(1);
      String address =
          resumed.stream()
              .filter(l -> l.startsWith("STATE " + id))
              .map(l -> l.replaceAll(".*address=(\\S+).*", "$1"))
              .findFirst()
              .orElseThrow();
      assertThat(writeAndRead(address)).isEqualTo("survived");

      Process delete = ControlPlaneProcess.launch(data, "127.81", PASSWORD, "delete", instanceId);
      List<String> deleted = ControlPlaneProcess.drain(delete);
      assertThat(delete.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(deleted).contains("DELETED " + instanceId);
      assertThat(ControlPlaneProcess.postmasters(instanceDirectory)).isEmpty();
      assertThat(instanceDirectory).doesNotExist();
    } finally {
      ControlPlaneProcess.removeLeftovers(data);
    }
  }

  private static String writeAndRead(String address) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("user", "app");
    properties.setProperty("password", PASSWORD);
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://" + address + ":5432/appdb", properties);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (v text)");
      statement.execute("INSERT INTO t VALUES ('survived')");
      try (ResultSet result = statement.executeQuery("SELECT v FROM t")) {
        result.next();
        return result.getString(1);
      }
    }
  }
}
