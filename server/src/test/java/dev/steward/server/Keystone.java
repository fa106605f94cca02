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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Keystone (Debian's {@code keystone}, sqlite + fernet, under uwsgi) started on a loopback
 * address for a test, seeded over its own v3 API. Stopped by the PID of the uwsgi master this class
 * started.
 */
final class Keystone implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path directory;
  private final String url;
  private Process uwsgi;
  private String adminToken;

  Keystone(Path directory, String address) {
    this.directory = directory;
    this.url = "http://" + address + ":5000/v3";
  }

  static boolean available() {
    for (String binary :
        List.of(
            "/usr/bin/keystone-manage",
            "/usr/bin/uwsgi",
            "/usr/bin/keystone-wsgi-public",
            "/usr/lib/uwsgi/plugins/python3_plugin.so")) {
      if (!Files.exists(Path.of(binary))) {
        System.err.println(
            "\n*** SKIPPED: "
                + binary
                + " is missing (install keystone uwsgi uwsgi-plugin-python3; scripts/install.sh does) ***\n");
        return false;
      }
    }
    return true;
  }

  String url() {
    return url;
  }

  /** Configures, bootstraps and starts Keystone; {@code adminPassword} is the bootstrap admin's. */
  void start(String adminPassword) throws Exception {
    Files.createDirectories(directory.resolve("fernet-keys"));
    Files.createDirectories(directory.resolve("credential-keys"));
    Path conf = directory.resolve("keystone.conf");
    Files.writeString(
        conf,
        "[DEFAULT]\nlog_file = "
            + directory.resolve("keystone.log")
            + "\n"
            + "[database]\nconnection = sqlite:///"
            + directory.resolve("keystone.db")
            + "\n"
            + "[token]\nprovider = fernet\nexpiration = 3600\n"
            + "[fernet_tokens]\nkey_repository = "
            + directory.resolve("fernet-keys")
            + "\n"
            + "[fernet_receipts]\nkey_repository = "
            + directory.resolve("fernet-keys")
            + "\n"
            + "[credential]\nkey_repository = "
            + directory.resolve("credential-keys")
            + "\n"
            + "[cache]\nenabled = true\nbackend = dogpile.cache.memory\n"
            + "[identity]\npassword_hash_rounds = 4\n");
    manage("db_sync");
    run(
        List.of(
            "/usr/bin/python3",
            "-c",
            "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode=WAL')",
            directory.resolve("keystone.db").toString()),
        null);
    manage("fernet_setup", "--keystone-user", user(), "--keystone-group", group());
    manage("credential_setup", "--keystone-user", user(), "--keystone-group", group());
    List<String> bootstrap =
        new ArrayList<>(
            List.of(
                "bootstrap",
                "--bootstrap-username",
                "admin",
                "--bootstrap-project-name",
                "admin",
                "--bootstrap-role-name",
                "admin",
                "--bootstrap-service-name",
                "keystone",
                "--bootstrap-region-id",
                "RegionOne",
                "--bootstrap-admin-url",
                url + "/",
                "--bootstrap-internal-url",
                url + "/",
                "--bootstrap-public-url",
                url + "/"));
    manageWithPassword(bootstrap, adminPassword);
    String address = URI.create(url).getHost();
    ProcessBuilder builder =
        new ProcessBuilder(
            "/usr/bin/uwsgi",
            "--plugins",
            "python3",
            "--http-socket",
            address + ":5000",
            "--wsgi-file",
            "/usr/bin/keystone-wsgi-public",
            "--master",
            "--processes",
            "1",
            "--threads",
            "1",
            "--lazy-apps",
            "--die-on-term",
            "--buffer-size",
            "65535",
            "--add-header",
            "Connection: close");
    builder.environment().put("OS_KEYSTONE_CONFIG_DIR", directory.toString());
    builder.redirectErrorStream(true).redirectOutput(directory.resolve("uwsgi.log").toFile());
    uwsgi = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      try {
        if (HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          break;
        }
      } catch (IOException e) {
        // not yet listening
      }
      if (System.nanoTime() > deadline || !uwsgi.isAlive()) {
        throw new AssertionError("Keystone did not start; see " + directory.resolve("uwsgi.log"));
      }
      Thread.sleep(200);
    }
    adminToken = token("admin", adminPassword, "admin");
  }

  /** A project-scoped token for a user (password auth). */
  String token(String user, String password, String project) throws Exception {
    String body =
        "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":"
            + MAPPER.writeValueAsString(user)
            + ",\"domain\":{\"id\":\"default\"},\"password\":"
            + MAPPER.writeValueAsString(password)
            + "}}},\"scope\":{\"project\":{\"name\":"
            + MAPPER.writeValueAsString(project)
            + ",\"domain\":{\"id\":\"default\"}}}}}";
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new AssertionError("token for " + user + ": " + response.statusCode());
    }
    return response.headers().firstValue("X-Subject-Token").orElseThrow();
  }

  /** Creates a project and returns its id. */
  String project(String name) throws Exception {
    return post("/projects", "{\"project\":{\"name\":\"" + name + "\",\"domain_id\":\"default\"}}")
        .path("project")
        .path("id")
        .asText();
  }

  /** Creates a user with a role on a project. */
  void user(String name, String password, String projectId, String role) throws Exception {
    String userId =
        post(
                "/users",
                "{\"user\":{\"name\":\""
                    + name
                    + "\",\"domain_id\":\"default\",\"password\":"
                    + MAPPER.writeValueAsString(password)
                    + "}}")
            .path("user")
            .path("id")
            .asText();
    String roleId = get("/roles?name=" + role).path("roles").get(0).path("id").asText();
    send("PUT", "/projects/" + projectId + "/users/" + userId + "/roles/" + roleId, null);
  }

  /** Registers the database service with endpoints for every interface. */
  void databaseService(String endpoint) throws Exception {
    String serviceId =
        post("/services", "{\"service\":{\"type\":\"database\",\"name\":\"trove\"}}")
            .path("service")
            .path("id")
            .asText();
    for (String face : List.of("public", "internal", "admin")) {
      post(
          "/endpoints",
          "{\"endpoint\":{\"service_id\":\""
              + serviceId
              + "\",\"interface\":\""
              + face
              + "\",\"region_id\":\"RegionOne\",\"url\":\""
              + endpoint
              + "\"}}");
    }
  }

  private JsonNode post(String path, String body) throws Exception {
    return send("POST", path, body);
  }

  private JsonNode get(String path) throws Exception {
    return send("GET", path, null);
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("X-Auth-Token", adminToken)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new AssertionError(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
  }

  private void manage(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/keystone-manage",
                "--config-file",
                directory.resolve("keystone.conf").toString()));
    command.addAll(List.of(arguments));
    run(command, null);
  }

  /** keystone-manage bootstrap reads the password from OS_BOOTSTRAP_PASSWORD (not an argument). */
  private void manageWithPassword(List<String> arguments, String password) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/keystone-manage",
                "--config-file",
                directory.resolve("keystone.conf").toString()));
    command.addAll(arguments);
    run(command, password);
  }

  private void run(List<String> command, String bootstrapPassword) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(directory.resolve("manage.log").toFile()));
    if (bootstrapPassword != null) {
      builder.environment().put("OS_BOOTSTRAP_PASSWORD", bootstrapPassword);
    }
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError(
          command.get(0)
              + " "
              + command.get(command.size() - 1)
              + " failed; see "
              + directory.resolve("manage.log"));
    }
  }

  private static String user() {
    return System.getProperty("user.name");
  }

  private static String group() throws Exception {
    Process process = new ProcessBuilder("id", "-gn").start();
    String group = new String(process.getInputStream().readAllBytes()).strip();
    process.waitFor();
    return group;
  }

  @Override
  public void close() throws Exception {
    if (uwsgi != null) {
      List<ProcessHandle> workers = uwsgi.descendants().toList();
      uwsgi.destroy();
      if (!uwsgi.waitFor(10, TimeUnit.SECONDS)) {
        uwsgi.destroyForcibly();
      }
      workers.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
