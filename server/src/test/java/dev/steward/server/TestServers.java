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

import dev.steward.server.identity.PasswordHash;
import dev.steward.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/** Starting a server for a test on its own loopback addresses, and the helpers tests share. */
final class TestServers {
  private TestServers() {}

  /** A Keystone-style project id (32 hex digits: the clients treat it as an id, not a name). */
  static String projectId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  static String randomToken() {
    byte[] bytes = new byte[24];
    new java.security.SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Properties of a server on {@code serverAddress}, with instances on {@code prefix}.x.y. */
  static Map<String, String> properties(Path data, String serverAddress, String prefix) {
    Map<String, String> properties = new HashMap<>();
    properties.put("steward.data-dir", data.toString());
    properties.put("steward.datastores", "postgresql");
    properties.put("local.address-prefix", prefix);
    properties.put("local.base-dir", data.resolve("i").toString());
    properties.put("server.address", serverAddress);
    properties.put("server.port", "0");
    return properties;
  }

  /** Writes a built-in identity file: a user per project and a static token per entry. */
  static Path identityFile(Path directory, Map<String, String[]> entries) throws IOException {
    StringBuilder content = new StringBuilder();
    entries.forEach((label, values) -> {
      // values: kind, project, roles, secret
      if (values[0].equals("user")) {
        content
            .append("user.")
            .append(label)
            .append(".project = ")
            .append(values[1])
            .append("\nuser.")
            .append(label)
            .append(".roles = ")
            .append(values[2])
            .append("\nuser.")
            .append(label)
            .append(".password = ")
            .append(PasswordHash.hash(Secret.of(values[3]), 1000))
            .append("\nproject.")
            .append(values[1])
            .append(".name = ")
            .append(label)
            .append("-project\n");
      } else {
        content
            .append("token.")
            .append(label)
            .append(".sha256 = ")
            .append(PasswordHash.digest(values[3]))
            .append("\ntoken.")
            .append(label)
            .append(".project = ")
            .append(values[1])
            .append("\ntoken.")
            .append(label)
            .append(".roles = ")
            .append(values[2])
            .append('\n');
      }
    });
    Path file = directory.resolve("identity.properties");
    Files.writeString(file, content.toString());
    return file;
  }

  /** Connects with the engine's own client (JDBC) as the created user and writes and reads. */
  static String writeAndRead(String address, String database, String user, String password)
      throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    String url = "jdbc:postgresql://" + address + ":5432/" + database;
    try (Connection connection = DriverManager.getConnection(url, credentials);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (v text)");
      statement.execute("INSERT INTO t VALUES ('via the trove client')");
      try (ResultSet result = statement.executeQuery("SELECT v FROM t")) {
        result.next();
        return result.getString(1);
      }
    }
  }

  /** Waits until the tenant's instance is deleted (its delete operation finished). */
  static void awaitGone(dev.steward.core.Steward steward, String tenant, String id)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
    while (steward.instances().list(tenant, 100, java.util.Optional.empty()).stream()
        .anyMatch(instance -> instance.id().equals(id))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("instance " + id + " was not deleted in time");
      }
      Thread.sleep(100);
    }
  }

  /**
   * After a client suite: deletes the project's instances (waiting for each), stops the server and
   * removes its data directory; either may be null when the suite failed to start.
   */
  static void stopAndClean(StewardServer server, String project, Path data) {
    if (server != null) {
      for (dev.steward.core.model.Instance instance :
          server.steward().instances().list(project, 100, java.util.Optional.empty())) {
        try {
          server
              .steward()
              .operations()
              .await(
                  server.steward().instances().delete(project, instance.id()).id(),
                  java.time.Duration.ofSeconds(60));
        } catch (RuntimeException e) {
          System.err.println("cleanup of " + instance.id() + ": " + e.getMessage());
        }
      }
      server.close();
    }
    if (data != null) {
      deleteTree(data);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
