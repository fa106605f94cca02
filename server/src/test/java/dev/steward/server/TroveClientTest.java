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
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code openstack database ...} client (Debian's python3-troveclient) against a server
 * with the built-in identity: the whole instance, database, user, access, root, flavor, datastore,
 * limit, quota, restart and delete flow with a static token ({@code --os-auth-type admin_token}),
 * then password authentication against the built-in {@code /v3/auth/tokens} (the catalog leads the
 * client to this server), and the legacy {@code trove} CLI the same way. The created user connects
 * to the created database with PostgreSQL's JDBC driver.
 */
class TroveClientTest {
  private static final String APP_PASSWORD = "App-pass-1234";
  private static final String BOB_PASSWORD = "Bob-pass-5678";
  private static final String ALICE_PASSWORD = "Alice-pass-9012";

  private static Path data;
  private static StewardServer server;
  private static String project;
  private static String adminToken;
  private static Cli token;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Cli.available(), "openstack client missing");
    data = Files.createTempDirectory("stws");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    project = TestServers.projectId();
    adminToken = TestServers.randomToken();
    Map<String, String[]> entries = new LinkedHashMap<>();
    entries.put("operator", new String[] {"token", project, "admin,member", adminToken});
    entries.put("alice", new String[] {"user", project, "admin,member", ALICE_PASSWORD});
    Path identity = TestServers.identityFile(data, entries);
    Map<String, String> properties = TestServers.properties(data, "127.95.0.1", "127.94");
    properties.put("server.identity-file", identity.toString());
    server = StewardServer.start(properties);
    token =
        Cli.atEndpoint(
            data.resolve("home"), server, project, "admin_token", Map.of("OS_TOKEN", adminToken));
  }

  @AfterAll
  static void stop() {
    TestServers.stopAndClean(server, project, data);
  }

  @Test
  void openstackDatabaseClientDrivesTheWholeFlow() throws Exception {
    String version =
        server.steward().catalog().datastore("postgresql").versions().getFirst().name();
    JsonNode created = token.createPostgresql("db1", Optional.of(version), APP_PASSWORD);
    String id = created.get("id").asText();
    assertThat(created.get("status").asText()).isEqualTo("BUILD");
    Instance active =
        server
            .steward()
            .instances()
            .await(project, id, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(2));

    JsonNode shown = token.ok("database", "instance", "show", "db1", "-f", "json").json();
    assertThat(shown.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(shown.get("ip").asText()).isEqualTo(active.address().orElseThrow());
    assertThat(shown.get("datastore_version").asText()).isEqualTo(version);
    assertThat(token.ok("database", "instance", "list", "-f", "json").json())
        .extracting(row -> row.get("Name").asText())
        .containsExactly("db1");

    token.ok("database", "db", "create", "db1", "otherdb");
    assertThat(names(token.ok("database", "db", "list", "db1", "-f", "json").json()))
        .contains("appdb", "otherdb");
    token.ok("database", "db", "delete", "db1", "otherdb");
    assertThat(names(token.ok("database", "db", "list", "db1", "-f", "json").json()))
        .contains("appdb")
        .doesNotContain("otherdb");

    token.ok("database", "user", "create", "db1", "bob", BOB_PASSWORD, "--databases", "appdb");
    assertThat(names(token.ok("database", "user", "list", "db1", "-f", "json").json()))
        .contains("app", "bob");
    assertThat(
            token
                .ok("database", "user", "show", "db1", "bob", "-f", "json")
                .json()
                .get("name")
                .asText())
        .isEqualTo("bob");
    token.ok("database", "user", "revoke", "access", "db1", "bob", "appdb");
    assertThat(
            names(
                token.ok("database", "user", "show", "access", "db1", "bob", "-f", "json").json()))
        .isEmpty();
    token.ok("database", "user", "grant", "access", "db1", "bob", "appdb");
    assertThat(
            names(
                token.ok("database", "user", "show", "access", "db1", "bob", "-f", "json").json()))
        .containsExactly("appdb");
    token.ok("database", "user", "delete", "db1", "bob");
    assertThat(names(token.ok("database", "user", "list", "db1", "-f", "json").json()))
        .doesNotContain("bob");

    JsonNode root = token.ok("database", "root", "enable", "db1", "-f", "json").json();
    assertThat(root.get("password").asText()).isNotEmpty();
    assertThat(
            token
                .ok("database", "root", "show", "db1", "-f", "json")
                .json()
                .get("is_root_enabled")
                .asBoolean())
        .isTrue();
    token.ok("database", "root", "disable", "db1");
    assertThat(
            token
                .ok("database", "root", "show", "db1", "-f", "json")
                .json()
                .get("is_root_enabled")
                .asBoolean())
        .isFalse();

    assertThat(token.ok("database", "flavor", "list", "-f", "json").json())
        .extracting(row -> row.get("Name").asText())
        .contains("m1.tiny", "m1.small");
    assertThat(token.ok("database", "flavor", "show", "1", "-f", "json").json().get("ram").asInt())
        .isPositive();
    assertThat(token.ok("datastore", "list", "-f", "json").json())
        .extracting(row -> row.get("Name").asText())
        .containsExactly("postgresql");
    assertThat(
            token.ok("datastore", "show", "postgresql", "-f", "json").json().get("name").asText())
        .isEqualTo("postgresql");
    assertThat(token.ok("datastore", "version", "list", "postgresql", "-f", "json").json())
        .extracting(row -> row.get("Name").asText())
        .contains(version);
    assertThat(
            token
                .ok(
                    "datastore",
                    "version",
                    "show",
                    version,
                    "--datastore",
                    "postgresql",
                    "-f",
                    "json")
                .json()
                .get("name")
                .asText())
        .isEqualTo(version);

    String limits = token.ok("database", "limit", "list").out();
    assertThat(limits).contains("ABSOLUTE").containsPattern("max_instances +\\| +10");
    JsonNode quota = token.ok("database", "quota", "show", project, "-f", "json").json();
    assertThat(quota)
        .filteredOn(row -> row.get("Resource").asText().equals("instances"))
        .singleElement()
        .satisfies(row -> assertThat(row.get("In Use").asInt()).isEqualTo(1));
    token.ok("database", "quota", "update", project, "instances", "1");
    Cli.Result overQuota =
        token.run(
            "database",
            "instance",
            "create",
            "db2",
            "--flavor",
            "1",
            "--size",
            "1",
            "--datastore",
            "postgresql");
    assertThat(overQuota.exit()).isNotZero();
    assertThat(overQuota.err()).contains("Quota exceeded").contains("413");
    token.ok("database", "quota", "update", project, "instances", "10");

    token.ok("database", "instance", "reset", "status", "db1");
    assertThat(
            token
                .ok("database", "instance", "show", "db1", "-f", "json")
                .json()
                .get("status")
                .asText())
        .isEqualTo("ERROR");
    token.ok("database", "instance", "restart", "db1");
    server
        .steward()
        .instances()
        .await(project, id, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(2));
    assertThat(
            TestServers.writeAndRead(active.address().orElseThrow(), "appdb", "app", APP_PASSWORD))
        .isEqualTo("via the trove client");

    passwordAuthentication();

    token.ok("database", "instance", "delete", "db1");
    TestServers.awaitGone(server.steward(), project, id);
    Cli.Result gone = token.run("database", "instance", "show", id);
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err()).contains("No instance with a name or ID of");
  }

  /** Password auth against the built-in /v3/auth/tokens; the catalog points at this server. */
  private void passwordAuthentication() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("OS_AUTH_URL", server.uri() + "/v3");
    environment.put("OS_IDENTITY_API_VERSION", "3");
    environment.put("OS_USERNAME", "alice");
    environment.put("OS_PASSWORD", ALICE_PASSWORD);
    environment.put("OS_PROJECT_NAME", "alice-project");
    environment.put("OS_USER_DOMAIN_NAME", "Default");
    environment.put("OS_PROJECT_DOMAIN_NAME", "Default");
    Cli password = new Cli(data.resolve("home"), environment, List.of(Cli.OPENSTACK.toString()));
    assertThat(password.ok("database", "instance", "list", "-f", "json").json())
        .extracting(row -> row.get("Name").asText())
        .containsExactly("db1");
    assertThat(names(password.ok("database", "db", "list", "db1", "-f", "json").json()))
        .contains("appdb");
    Cli wrong =
        new Cli(
            data.resolve("home"),
            Map.of(
                "OS_AUTH_URL",
                server.uri() + "/v3",
                "OS_IDENTITY_API_VERSION",
                "3",
                "OS_USERNAME",
                "alice",
                "OS_PASSWORD",
                "wrong",
                "OS_PROJECT_NAME",
                "alice-project",
                "OS_USER_DOMAIN_NAME",
                "Default",
                "OS_PROJECT_DOMAIN_NAME",
                "Default"),
            List.of(Cli.OPENSTACK.toString()));
    Cli.Result refused = wrong.run("database", "instance", "list");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("401");
    Cli legacy = new Cli(data.resolve("home"), environment, List.of("/usr/bin/trove"));
    Cli.Result list = legacy.run("list");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out()).contains("db1");
  }

  private static List<String> names(JsonNode rows) {
    List<String> names = new ArrayList<>();
    rows.forEach(row -> names.add(row.get("Name").asText()));
    return names;
  }
}
