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
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed requests: every answer is a Trove-shaped 4xx fault (never a 5xx), and
 * nothing changes (instances, databases and users are compared before and after).
 */
class NegativeApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> HOSTILE =
      List.of(
          "a'b",
          "a\"b",
          "a`b",
          "a;DROP TABLE x",
          "$(touch /tmp/pwned)",
          "zw\u00e4\u00df\u65e5\u672c",
          "x".repeat(10_240),
          "",
          " ",
          "a\u0000b",
          "../etc");

  private static Path data;
  private static StewardServer server;
  private static String project;
  private static String other;
  private static String token;
  private static String otherToken;
  private static String instanceId;

  @BeforeAll
  static void start() throws Exception {
    data = Files.createTempDirectory("stwn");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    project = TestServers.projectId();
    other = TestServers.projectId();
    token = TestServers.randomToken();
    otherToken = TestServers.randomToken();
    Map<String, String[]> entries = new LinkedHashMap<>();
    entries.put("mine", new String[] {"token", project, "member", token});
    entries.put("theirs", new String[] {"token", other, "member", otherToken});
    Map<String, String> properties = TestServers.properties(data, "127.99.0.1", "127.98");
    properties.put("server.identity-file", TestServers.identityFile(data, entries).toString());
    properties.put("server.max-body-bytes", "65536");
    server = StewardServer.start(properties);
    JsonNode created =
        call(
                "POST",
                "/instances",
                token,
                "{\"instance\":{\"name\":\"neg\",\"flavorRef\":\"1\",\"volume\":{\"size\":1},"
                    + "\"databases\":[{\"name\":\"appdb\"}],"
                    + "\"users\":[{\"name\":\"app\",\"password\":\"App-pass-1234\",\"databases\":[{\"name\":\"appdb\"}]}]}}")
            .json();
    instanceId = created.path("instance").path("id").asText();
    server
        .steward()
        .instances()
        .await(project, instanceId, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(2));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      try {
        server
            .steward()
            .operations()
            .await(
                server.steward().instances().delete(project, instanceId).id(),
                Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        System.err.println("cleanup: " + e.getMessage());
      }
      server.close();
    }
    if (data != null) {
      TestServers.deleteTree(data);
    }
  }

  @Test
  void malformedWrongTypedAndUnknownBodiesAre400AndChangeNothing() throws Exception {
    String before = snapshot();
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"POST", "/instances", "{\"instance\":"});
    cases.add(new String[] {"POST", "/instances", "not json"});
    cases.add(new String[] {"POST", "/instances", "[]"});
    cases.add(new String[] {"POST", "/instances", ""});
    cases.add(new String[] {"POST", "/instances", "{\"instance\":{\"name\":\"x\",\"bogus\":1}}"});
    cases.add(
        new String[] {"POST", "/instances", "{\"instance\":{\"name\":\"x\",\"name\":\"y\"}}"});
    cases.add(new String[] {"POST", "/instances", "{\"instance\":{\"name\":7}}"});
    cases.add(
        new String[] {
          "POST", "/instances", "{\"instance\":{\"name\":\"x\",\"volume\":{\"size\":\"big\"}}}"
        });
    cases.add(
        new String[] {
          "POST", "/instances", "{\"instance\":{\"name\":\"x\",\"volume\":{\"size\":0}}}"
        });
    cases.add(
        new String[] {"POST", "/instances", "{\"instance\":{\"name\":\"x\",\"databases\":{}}}"});
    cases.add(
        new String[] {
          "POST", "/instances", "{\"instance\":{\"name\":\"x\",\"users\":[{\"name\":\"u\"}]}}"
        });
    cases.add(
        new String[] {
          "POST", "/instances", "{\"instance\":{\"name\":\"" + "n".repeat(300) + "\"}}"
        });
    cases.add(
        new String[] {"POST", "/instances/" + instanceId + "/databases", "{\"databases\":[]}"});
    cases.add(
        new String[] {
          "POST", "/instances/" + instanceId + "/databases", "{\"databases\":[{\"name\":1}]}"
        });
    cases.add(
        new String[] {
          "POST",
          "/instances/" + instanceId + "/users",
          "{\"users\":[{\"name\":\"u\",\"password\":true}]}"
        });
    cases.add(new String[] {"POST", "/instances/" + instanceId + "/action", "{\"explode\":{}}"});
    cases.add(
        new String[] {
          "POST", "/instances/" + instanceId + "/action", "{\"restart\":{},\"reset_status\":{}}"
        });
    cases.add(
        new String[] {"PUT", "/mgmt/quotas/" + project, "{\"quotas\":{\"instances\":\"many\"}}"});
    for (String[] c : cases) {
      Answer answer = call(c[0], c[1], token, c[2]);
      assertThat(answer.status())
          .as("%s %s %s -> %s", c[0], c[1], c[2], answer)
          .isBetween(400, 499);
      assertThat(answer.json().has("badRequest") || answer.json().has("forbidden"))
          .as(answer.toString())
          .isTrue();
    }
    assertThat(call("POST", "/instances", token, "{\"x\":\"" + "y".repeat(70_000) + "\"}").status())
        .isEqualTo(413);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void hostileNamesAreRefusedWithClear4xx() throws Exception {
    String before = snapshot();
    for (String name : HOSTILE) {
      String quoted = MAPPER.writeValueAsString(name);
      List<Answer> answers = new ArrayList<>();
      answers.add(
          call(
              "POST",
              "/instances/" + instanceId + "/databases",
              token,
              "{\"databases\":[{\"name\":" + quoted + "}]}"));
      answers.add(
          call(
              "POST",
              "/instances/" + instanceId + "/users",
              token,
              "{\"users\":[{\"name\":" + quoted + ",\"password\":\"Pass-word-123\"}]}"));
      answers.add(
          call(
              "POST",
              "/instances",
              token,
              "{\"instance\":{\"name\":" + quoted + ",\"datastore\":{\"type\":" + quoted + "}}}"));
      if (!name.isEmpty()) {
        // an empty path segment names the collection itself, which is not an error
        answers.add(
            call("DELETE", "/instances/" + instanceId + "/databases/" + encode(name), token, ""));
        answers.add(call("GET", "/instances/" + instanceId + "/users/" + encode(name), token, ""));
        answers.add(call("GET", "/instances/" + encode(name), token, ""));
        answers.add(call("GET", "/flavors/" + encode(name), token, ""));
      }
      for (Answer answer : answers) {
        assertThat(answer.status()).as("name %s -> %s", shorten(name), answer).isBetween(400, 499);
        assertThat(answer.json().fieldNames().next())
            .isIn("badRequest", "itemNotFound", "forbidden", "badMethod");
        assertThat(answer.json().elements().next().get("message").asText()).isNotBlank();
      }
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void tokensAndTenantsAreChecked() throws Exception {
    String before = snapshot();
    assertThat(call("GET", "/instances", "", "").status()).isEqualTo(401);
    assertThat(call("GET", "/instances", "garbage-token", "").json().has("unauthorized")).isTrue();
    assertThat(call("GET", "/instances", token + "x", "").status()).isEqualTo(401);
    Answer foreignPath = call("GET", "/instances", otherToken, "");
    assertThat(foreignPath.status()).isEqualTo(403);
    assertThat(foreignPath.json().has("forbidden")).isTrue();
    Answer foreignInstance = callAs(other, "GET", "/instances/" + instanceId, otherToken, "");
    assertThat(foreignInstance.status()).isEqualTo(404);
    assertThat(foreignInstance.json().has("itemNotFound")).isTrue();
    assertThat(callAs(other, "DELETE", "/instances/" + instanceId, otherToken, "").status())
        .isEqualTo(404);
    assertThat(callAs(other, "GET", "/instances", otherToken, "").json().get("instances"))
        .isEmpty();
    assertThat(call("GET", "/mgmt/quotas/" + project, token, "").status()).isEqualTo(403);
    assertThat(call("GET", "/backup_strategies", token, "").json().has("notImplemented")).isTrue();
    assertThat(call("DELETE", "/flavors", token, "").status()).isEqualTo(405);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void busyInstanceAnswers422Or409AndPagesCarryLinks() throws Exception {
    Answer restart =
        call("POST", "/instances/" + instanceId + "/action", token, "{\"restart\":{}}");
    assertThat(restart.status()).isEqualTo(202);
    Answer again = call("POST", "/instances/" + instanceId + "/action", token, "{\"restart\":{}}");
    assertThat(again.status()).as(again.toString()).isIn(409, 422);
    assertThat(again.json().fieldNames().next()).isIn("conflict", "unprocessableEntity");
    Answer backupOfBusy =
        call(
            "POST",
            "/backups",
            token,
            "{\"backup\":{\"name\":\"busy\",\"instance\":\"" + instanceId + "\"}}");
    assertThat(backupOfBusy.status()).as(backupOfBusy.toString()).isEqualTo(422);
    assertThat(backupOfBusy.json().has("unprocessableEntity")).isTrue();
    server
        .steward()
        .instances()
        .await(project, instanceId, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(1));
    Answer page = call("GET", "/instances?limit=1", token, "");
    assertThat(page.json().get("instances")).hasSize(1);
    assertThat(call("GET", "/instances?limit=0", token, "").status()).isEqualTo(400);
    assertThat(
            call("GET", "/limits", token, "")
                .json()
                .get("limits")
                .get(0)
                .get("max_instances")
                .asInt())
        .isEqualTo(10);
    String metrics =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(server.uri() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains("steward_http_request_duration_seconds_bucket")
        .contains("steward_instances{state=\"ACTIVE\"}")
        .contains("steward_operations_total{type=\"instance.create\",outcome=\"SUCCEEDED\"}");
    Answer openApi = callRaw("GET", server.uri() + "/openapi.json", "", "");
    assertThat(openApi.json().get("paths").has("/v1.0/{tenant_id}/instances/{id}")).isTrue();
  }

  @Test
  void backupRequestsAnswerTroveFaults() throws Exception {
    server
        .steward()
        .instances()
        .await(project, instanceId, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(1));
    String missing = "00000000-0000-4000-8000-000000000000";
    Answer unknown =
        call(
            "POST",
            "/backups",
            token,
            "{\"backup\":{\"name\":\"b\",\"instance\":\"" + missing + "\"}}");
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    assertThat(unknown.json().has("itemNotFound")).isTrue();
    String mine = "\"instance\":\"" + instanceId + "\"";
    for (String body :
        List.of(
            "not json",
            "{\"backup\":{}}",
            "{\"backup\":{\"name\":\"b\"}}",
            "{\"backup\":{\"name\":\"b\",\"instance\":7}}",
            "{\"backup\":{\"name\":\"b\"," + mine + ",\"bogus\":1}}",
            "{\"backup\":{\"name\":\"b\"," + mine + ",\"incremental\":\"yes\"}}",
            "{\"backup\":{\"name\":\"b\"," + mine + ",\"incremental\":2}}",
            "{\"backup\":{\"name\":\" \"," + mine + "}}",
            "{\"backup\":{\"name\":\"b\"," + mine + ",\"parent_id\":[]}}")) {
      Answer answer = call("POST", "/backups", token, body);
      assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
      assertThat(answer.json().has("badRequest")).as(answer.toString()).isTrue();
    }
    Answer restoreUnknown =
        call(
            "POST",
            "/instances",
            token,
            "{\"instance\":{\"name\":\"r\",\"flavorRef\":\"1\",\"restorePoint\":{\"backupRef\":\""
                + missing
                + "\"}}}");
    assertThat(restoreUnknown.status()).as(restoreUnknown.toString()).isEqualTo(404);
    Answer restoreBad =
        call(
            "POST",
            "/instances",
            token,
            "{\"instance\":{\"name\":\"r\",\"restorePoint\":{\"backupRef\":5}}}");
    assertThat(restoreBad.status()).as(restoreBad.toString()).isEqualTo(400);

    server.steward().quotas().update(project, Map.of("backups", 0));
    try {
      Answer over = call("POST", "/backups", token, "{\"backup\":{\"name\":\"b\"," + mine + "}}");
      assertThat(over.status()).as(over.toString()).isEqualTo(413);
      assertThat(over.json().has("overLimit")).isTrue();
    } finally {
      server.steward().quotas().update(project, Map.of("backups", 50));
    }
    assertThat(call("GET", "/backups", token, "").json().get("backups")).isEmpty();
    Answer created = call("POST", "/backups", token, "{\"backup\":{\"name\":\"b1\"," + mine + "}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(202);
    String backupId = created.json().path("backup").path("id").asText();
    server
        .steward()
        .backups()
        .await(
            project,
            backupId,
            EnumSet.of(dev.steward.core.backup.BackupState.COMPLETED),
            Duration.ofMinutes(1));
    Answer incremental =
        call(
            "POST",
            "/backups",
            token,
            "{\"backup\":{\"name\":\"inc\"," + mine + ",\"incremental\":1}}");
    assertThat(incremental.status()).as(incremental.toString()).isEqualTo(400);
    assertThat(incremental.json().path("badRequest").path("message").asText()).contains(backupId);
    assertThat(callAs(other, "GET", "/backups/" + backupId, otherToken, "").status())
        .isEqualTo(404);
    assertThat(callAs(other, "DELETE", "/backups/" + backupId, otherToken, "").status())
        .isEqualTo(404);
    assertThat(
            callAs(
                    other,
                    "POST",
                    "/backups",
                    otherToken,
                    "{\"backup\":{\"name\":\"theirs\"," + mine + "}}")
                .status())
        .isEqualTo(404);
    assertThat(callAs(other, "GET", "/backups", otherToken, "").json().get("backups")).isEmpty();
    JsonNode page = call("GET", "/backups?limit=1&instance_id=" + instanceId, token, "").json();
    assertThat(page.get("backups")).hasSize(1);
    assertThat(page.get("backups").get(0).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(page.get("links")).isEmpty();
    assertThat(call("GET", "/backups?datastore=redis", token, "").status()).isEqualTo(404);
    assertThat(call("GET", "/backups?datastore=postgresql", token, "").json().get("backups"))
        .hasSize(1);
    assertThat(
            call("GET", "/instances/" + instanceId + "/backups", token, "").json().get("backups"))
        .hasSize(1);
    String metrics =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(server.uri() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains("steward_operations_total{type=\"backup.create\",outcome=\"SUCCEEDED\"}")
        .contains("route=\"/v1.0/{tenant_id}/backups\"");
    assertThat(
            callRaw("GET", server.uri() + "/openapi.json", "", "")
                .json()
                .get("paths")
                .get("/v1.0/{tenant_id}/backups/{id}")
                .has("delete"))
        .isTrue();

    assertThat(call("DELETE", "/backups/" + backupId, token, "").status()).isEqualTo(202);
    Answer twice = call("DELETE", "/backups/" + backupId, token, "");
    assertThat(twice.status()).as(twice.toString()).isEqualTo(404);
    assertThat(twice.json().has("itemNotFound")).isTrue();
    assertThat(call("GET", "/backups/" + backupId, token, "").status()).isEqualTo(404);
  }

  @Test
  void parallelCreatesAtQuotaMinusOneAdmitExactlyOne() throws Exception {
    server.steward().quotas().update(project, Map.of("instances", 2));
    String body = "{\"instance\":{\"name\":\"par\",\"flavorRef\":\"1\",\"volume\":{\"size\":1}}}";
    List<java.util.concurrent.Future<Answer>> answers = new ArrayList<>();
    try (java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6)) {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < 6; i++) {
        answers.add(
            pool.submit(() -> {
              go.await();
              return call("POST", "/instances", token, body);
            }));
      }
      go.countDown();
      List<Answer> done = new ArrayList<>();
      for (java.util.concurrent.Future<Answer> answer : answers) {
        done.add(answer.get());
      }
      assertThat(done).filteredOn(a -> a.status() == 200).hasSize(1);
      assertThat(done)
          .filteredOn(a -> a.status() == 413)
          .hasSize(5)
          .allSatisfy(a -> assertThat(a.json().has("overLimit")).isTrue());
      String admitted =
          done.stream()
              .filter(a -> a.status() == 200)
              .findFirst()
              .orElseThrow()
              .json()
              .path("instance")
              .path("id")
              .asText();
      server
          .steward()
          .instances()
          .await(project, admitted, EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(2));
      server
          .steward()
          .operations()
          .await(
              server.steward().instances().delete(project, admitted).id(), Duration.ofMinutes(1));
    } finally {
      server.steward().quotas().update(project, Map.of("instances", 10));
    }
  }

  /** Instances, databases and users of both tenants, as text. */
  private static String snapshot() {
    StringBuilder out = new StringBuilder();
    for (String tenant : List.of(project, other)) {
      for (Instance instance : server.steward().instances().list(tenant, 100, Optional.empty())) {
        out.append(instance.id())
            .append(' ')
            .append(instance.name())
            .append(' ')
            .append(instance.state())
            .append('\n');
      }
    }
    server
        .steward()
        .databases()
        .list(project, instanceId)
        .forEach(d -> out.append("db ").append(d.name()).append('\n'));
    server
        .steward()
        .users()
        .list(project, instanceId)
        .forEach(u -> out.append("user ").append(u.user()).append('\n'));
    return out.toString();
  }

  private static String encode(String name) {
    return dev.steward.server.http.Paths.encode(name);
  }

  private static String shorten(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "..." : name;
  }

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private static Answer call(String method, String path, String authToken, String body)
      throws Exception {
    return callAs(project, method, path, authToken, body);
  }

  private static Answer callAs(
      String tenant, String method, String path, String authToken, String body) throws Exception {
    return callRaw(method, server.uri() + "/v1.0/" + tenant + path, authToken, body);
  }

  private static Answer callRaw(String method, String url, String authToken, String body)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!authToken.isEmpty()) {
      builder.header("X-Auth-Token", authToken);
    }
    HttpResponse<String> response =
        HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }
}
