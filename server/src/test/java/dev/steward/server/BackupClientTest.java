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
package dev.steward.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupState;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backups through the real {@code openstack database backup ...} client: a PostgreSQL instance with
 * a database, a user and rows written over JDBC is backed up (the server's default strategy for
 * PostgreSQL, pg_basebackup), shown, listed (all, by instance, per instance), restored with {@code
 * instance create --backup}, the restored instance serves the same rows to the same user
 * (pg_basebackup restores roles), and the backup is deleted.
 */
class BackupClientTest {
  private static final String APP_PASSWORD = "App-pass-1234";
  private static final int ROWS = 2_000;

  private static Path data;
  private static StewardServer server;
  private static String project;
  private static Cli cli;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Cli.available(), "openstack client missing");
    data = Files.createTempDirectory("stwb");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    project = TestServers.projectId();
    String token = TestServers.randomToken();
    Map<String, String[]> entries = new LinkedHashMap<>();
    entries.put("operator", new String[] {"token", project, "member", token});
    Map<String, String> properties = TestServers.properties(data, "127.99.0.2", "127.99.1");
    properties.put("server.identity-file", TestServers.identityFile(data, entries).toString());
    server = StewardServer.start(properties);
    cli =
        Cli.atEndpoint(
            data.resolve("home"), server, project, "admin_token", Map.of("OS_TOKEN", token));
  }

  @AfterAll
  static void stop() {
    TestServers.stopAndClean(server, project, data);
  }

  @Test
  void backupListRestoreAndDeleteThroughTheOpenstackClient() throws Exception {
    JsonNode created = cli.createPostgresql("src", Optional.empty(), APP_PASSWORD);
    String sourceId = created.get("id").asText();
    Instance source =
        server
            .steward()
            .instances()
            .await(project, sourceId, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(2));
    String sourceAddress = source.address().orElseThrow();
    try (Connection connection = connect(sourceAddress);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE orders (id int PRIMARY KEY, note text)");
      statement.execute(
          "INSERT INTO orders SELECT g, md5(g::text) FROM generate_series(1, " + ROWS + ") g");
    }
    String expected = checksum(sourceAddress);

    JsonNode backup =
        cli.ok(
                "database",
                "backup",
                "create",
                "bk1",
                "--instance",
                "src",
                "--description",
                "nightly",
                "-f",
                "json")
            .json();
    String backupId = backup.get("id").asText();
    assertThat(backup.get("status").asText()).isIn("NEW", "BUILDING", "SAVING", "COMPLETED");
    assertThat(backup.get("instance_id").asText()).isEqualTo(sourceId);
    assertThat(backup.get("datastore").asText()).isEqualTo("postgresql");
    Backup completed =
        server
            .steward()
            .backups()
            .await(project, backupId, EnumSet.of(BackupState.COMPLETED), Duration.ofMinutes(2));
    assertThat(completed.strategy()).isEqualTo("pg_basebackup");

    JsonNode shown = cli.ok("database", "backup", "show", "bk1", "-f", "json").json();
    assertThat(shown.get("id").asText()).isEqualTo(backupId);
    assertThat(shown.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(shown.get("description").asText()).isEqualTo("nightly");
    assertThat(shown.get("size").asDouble()).isPositive().isLessThan(1.0);
    assertThat(shown.get("locationRef").asText()).contains(backupId);
    assertThat(shown.get("datastore_version").asText()).isEqualTo(source.datastoreVersion());
    assertThat(shown.get("project_id").asText()).isEqualTo(project);

    assertThat(cli.ok("database", "backup", "list", "-f", "json").json())
        .singleElement()
        .satisfies(row -> {
          assertThat(row.get("ID").asText()).isEqualTo(backupId);
          assertThat(row.get("Status").asText()).isEqualTo("COMPLETED");
          assertThat(row.get("Instance ID").asText()).isEqualTo(sourceId);
        });
    assertThat(cli.ok("database", "backup", "list", "--instance-id", sourceId, "-f", "json").json())
        .extracting(row -> row.get("ID").asText())
        .containsExactly(backupId);
    assertThat(cli.ok("database", "backup", "list", "instance", "src", "-f", "json").json())
        .extracting(row -> row.get("Name").asText())
        .containsExactly("bk1");

    JsonNode restored =
        cli.ok(
                "database",
                "instance",
                "create",
                "copy",
                "--flavor",
                "1",
                "--size",
                "1",
                "--backup",
                "bk1",
                "-f",
                "json")
            .json();
    String copyId = restored.get("id").asText();
    assertThat(restored.get("datastore").asText()).isEqualTo("postgresql");
    Instance copy =
        server
            .steward()
            .instances()
            .await(project, copyId, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(2));
    assertThat(
            cli.ok("database", "instance", "show", "copy", "-f", "json")
                .json()
                .get("status")
                .asText())
        .isEqualTo("ACTIVE");
    assertThat(checksum(copy.address().orElseThrow())).isEqualTo(expected);

    cli.ok("database", "backup", "delete", "bk1");
    Cli.Result gone = cli.run("database", "backup", "show", backupId);
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err()).contains("No backup with a name or ID of");
    assertThat(cli.ok("database", "backup", "list", "-f", "json").json()).isEmpty();
  }

  /** Row count and an order-independent digest of the rows, read as the created user. */
  private static String checksum(String address) throws Exception {
    try (Connection connection = connect(address);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*) || ':' || md5(string_agg(id || note, ',' ORDER BY id))"
                    + " FROM orders")) {
      result.next();
      String value = result.getString(1);
      assertThat(value).startsWith(ROWS + ":");
      return value;
    }
  }

  private static Connection connect(String address) throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty("user", "app");
    credentials.setProperty("password", APP_PASSWORD);
    return DriverManager.getConnection("jdbc:postgresql://" + address + ":5432/appdb", credentials);
  }
}
