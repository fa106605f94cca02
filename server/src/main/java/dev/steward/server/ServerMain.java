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
import dev.steward.server.launcher.StewardLauncher;
import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code serve [--config FILE] [--set key=value]...} (the default) runs the server
 * until SIGTERM/SIGINT; {@code hash-password} and {@code token-digest} read a secret from stdin and
 * print what the built-in identity file stores for it; the embedded launcher's commands ({@code
 * demo}, {@code create}, {@code list}, … see {@link StewardLauncher}) run the library directly,
 * without the HTTP server.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "serve";
    switch (command) {
      case "hash-password" -> System.out.println(PasswordHash.hash(Secret.of(readSecret())));
      case "token-digest" -> System.out.println(PasswordHash.digest(readSecret()));
      case "serve" -> serve(args);
      case "demo",
          "create",
          "list",
          "show",
          "await",
          "delete",
          "backup",
          "await-backup",
          "delete-backup" ->
          StewardLauncher.main(args);
      default -> {
        System.err.println(
            "usage: steward-server [serve] [--config FILE] [--set key=value]... | hash-password | token-digest"
                + " | demo | create | list | show | await | delete | backup | await-backup | delete-backup");
        System.exit(64);
      }
    }
  }

  private static void serve(String[] args) throws InterruptedException {
    Map<String, String> properties = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "serve" -> {}
        case "--config" -> properties.putAll(fromFile(Path.of(args[++i])));
        case "--set" -> {
          String[] pair = args[++i].split("=", 2);
          properties.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(64);
        }
      }
    }
    StewardServer server;
    try {
      server = StewardServer.start(properties);
    } catch (StewardException e) {
      System.err.println("error " + e.errorCode().name() + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              server.close();
              stopped.countDown();
            }));
    printHowTo(server);
    stopped.await();
  }

  private static void printHowTo(StewardServer server) {
    ServerConfig config = server.config();
    String url = server.uri().toString();
    System.out.println(
        "Steward server (Trove v1.0 API) at " + url + " — identity: " + config.identity());
    if (config.identity().equals("builtin")) {
      Path passwordFile = config.identityFile().resolveSibling("admin-password");
      System.out.println("Point the OpenStack client at it (built-in identity, user admin):");
      System.out.println(
          "  export OS_AUTH_TYPE=password OS_AUTH_URL=" + url + "/v3 OS_IDENTITY_API_VERSION=3");
      System.out.println(
          "  export OS_USERNAME=admin OS_PROJECT_NAME=admin OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default");
      System.out.println("  export OS_PASSWORD=\"$(cat " + passwordFile + ")\"");
      System.out.println("  openstack datastore list");
      System.out.println(
          "  openstack database instance create db1 --flavor 1 --size 1 --datastore postgresql --databases app --users app:<password>");
    } else if (config.identity().equals("none")) {
      System.out.println(
          "  openstack --os-auth-type none --os-endpoint "
              + url
              + "/v1.0/<project> database instance list");
    }
    System.out.flush();
  }

  private static String readSecret() throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("give the secret on stdin");
    }
    return line;
  }

  private static Map<String, String> fromFile(Path file) {
    Map<String, String> result = new HashMap<>();
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file, e);
    }
    properties.forEach((key, value) -> result.put(key.toString(), value.toString()));
    return result;
  }
}
