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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real Keystone (started here on 127.97.0.1) issues the tokens; the server validates them against
 * it and takes project and roles from it. The {@code openstack} client finds the server through
 * Keystone's catalog ({@code database} service) and drives create, show, list, databases, users,
 * root, quotas and delete; the created user connects over JDBC.
 */
class KeystoneClientTest {
  private static final String APP_PASSWORD = "App-pass-4321";

  @Test
  void openstackClientWithKeystoneTokens() throws Exception {
    Assumptions.assumeTrue(Cli.available() && Keystone.available(), "clients or keystone missing");
    Path data = Files.createTempDirectory("stwk");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    String adminPassword = TestServers.randomToken();
    String demoPassword = TestServers.randomToken();
    String servicePassword = TestServers.randomToken();
    StewardServer server = null;
    String demo = null;
    try (Keystone keystone =
        new Keystone(Files.createDirectories(data.resolve("keystone")), "127.97.0.1")) {
      keystone.start(adminPassword);
      demo = keystone.project("demo");
      keystone.user("demo", demoPassword, demo, "member");
      String service = keystone.project("service");
      keystone.user("trove", servicePassword, service, "admin");
      Map<String, String> properties = TestServers.properties(data, "127.97.0.2", "127.96");
      properties.put("server.port", "18779");
      properties.put("server.identity", "keystone");
      properties.put("server.keystone.url", keystone.url());
      properties.put("server.keystone.password", servicePassword);
      server = StewardServer.start(properties);
      keystone.databaseService(server.uri() + "/v1.0/%(tenant_id)s");

      Cli cli =
          new Cli(
              Files.createDirectories(data.resolve("home")),
              environment(keystone, "demo", demoPassword),
              List.of(Cli.OPENSTACK.toString()));
      String version =
          server.steward().catalog().datastore("postgresql").versions().getFirst().name();
      JsonNode created = cli.createPostgresql("kdb", Optional.of(version), APP_PASSWORD);
      String id = created.get("id").asText();
      Instance active =
          server
              .steward()
              .instances()
              .await(demo, id, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(2));
      assertThat(
              cli.ok("database", "instance", "show", "kdb", "-f", "json")
                  .json()
                  .get("status")
                  .asText())
          .isEqualTo("ACTIVE");
      assertThat(cli.ok("database", "instance", "list", "-f", "json").json())
          .extracting(r -> r.get("Name").asText())
          .containsExactly("kdb");
      cli.ok("database", "db", "create", "kdb", "second");
      assertThat(cli.ok("database", "db", "list", "kdb", "-f", "json").json().toString())
          .contains("appdb")
          .contains("second");
      assertThat(cli.ok("database", "user", "list", "kdb", "-f", "json").json().toString())
          .contains("app");
      assertThat(
              cli.ok("database", "root", "show", "kdb", "-f", "json")
                  .json()
                  .get("is_root_enabled")
                  .asBoolean())
          .isFalse();
      assertThat(
              TestServers.writeAndRead(
                  active.address().orElseThrow(), "appdb", "app", APP_PASSWORD))
          .isEqualTo("via the trove client");

      Cli.Result legacy =
          new Cli(
                  data.resolve("home"),
                  environment(keystone, "demo", demoPassword),
                  List.of("/usr/bin/trove"))
              .run("list");
      assertThat(legacy.exit()).as(legacy.toString()).isZero();
      assertThat(legacy.out()).contains("kdb");
      Cli.Result notAdmin = cli.run("database", "quota", "show", demo);
      assertThat(notAdmin.exit()).isNotZero();
      assertThat(notAdmin.err()).contains("403");
      Cli admin =
          new Cli(
              data.resolve("home"),
              environment(keystone, "admin", adminPassword),
              List.of(Cli.OPENSTACK.toString()));
      assertThat(admin.ok("database", "quota", "show", demo, "-f", "json").json().toString())
          .contains("instances");

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> garbage =
          http.send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/v1.0/" + demo + "/instances"))
                  .header("X-Auth-Token", "gAAAAABgarbage")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(garbage.statusCode()).isEqualTo(401);
      assertThat(garbage.body()).contains("unauthorized");
      String demoToken = keystone.token("demo", demoPassword, "demo");
      HttpResponse<String> foreign =
          http.send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/v1.0/" + service + "/instances"))
                  .header("X-Auth-Token", demoToken)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(foreign.statusCode()).isEqualTo(403);

      cli.ok("database", "instance", "delete", "kdb");
      TestServers.awaitGone(server.steward(), demo, id);
      assertThat(cli.ok("database", "instance", "list", "-f", "json").json()).isEmpty();
    } finally {
      if (server != null) {
        if (demo != null) {
          for (Instance instance :
              server.steward().instances().list(demo, 100, java.util.Optional.empty())) {
            try {
              server
                  .steward()
                  .operations()
                  .await(
                      server.steward().instances().delete(demo, instance.id()).id(),
                      Duration.ofSeconds(60));
            } catch (RuntimeException e) {
              System.err.println("cleanup: " + e.getMessage());
            }
          }
        }
        server.close();
      }
      TestServers.deleteTree(data);
    }
  }

  private static Map<String, String> environment(Keystone keystone, String user, String password) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("OS_AUTH_URL", keystone.url());
    environment.put("OS_IDENTITY_API_VERSION", "3");
    environment.put("OS_USERNAME", user);
    environment.put("OS_PASSWORD", password);
    environment.put("OS_PROJECT_NAME", user);
    environment.put("OS_USER_DOMAIN_NAME", "Default");
    environment.put("OS_PROJECT_DOMAIN_NAME", "Default");
    environment.put("OS_REGION_NAME", "RegionOne");
    environment.put("OS_INTERFACE", "public");
    return environment;
  }
}
