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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real OpenStack clients ({@code openstack}, {@code trove} from Debian's
 * python3-openstackclient / python3-troveclient) in a clean environment: only PATH, HOME and the
 * given variables (secrets go in variables, never in arguments).
 */
final class Cli {
  static final Path OPENSTACK = Path.of("/usr/bin/openstack");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Result(int exit, String out, String err) {
    JsonNode json() {
      try {
        return MAPPER.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out + " / " + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
  }

  private final Path home;
  private final Map<String, String> environment;
  private final List<String> prefix;

  Cli(Path home, Map<String, String> environment, List<String> prefix) {
    this.home = home;
    this.environment = Map.copyOf(environment);
    this.prefix = List.copyOf(prefix);
  }

  /**
   * The {@code openstack} client pointed straight at {@code server}'s tenant URL with {@code
   * --os-auth-type authType} ({@code admin_token} with {@code OS_TOKEN} in {@code environment}, or
   * {@code none}).
   */
  static Cli atEndpoint(
      Path home,
      StewardServer server,
      String project,
      String authType,
      Map<String, String> environment)
      throws IOException {
    return new Cli(
        Files.createDirectories(home),
        environment,
        List.of(
            OPENSTACK.toString(),
            "--os-auth-type",
            authType,
            "--os-endpoint",
            server.uri() + "/v1.0/" + project));
  }

  /**
   * {@code openstack database instance create NAME --flavor 1 --size 1 --datastore postgresql
   * [--datastore-version V] --databases appdb --users app:PASSWORD}; the created instance as JSON.
   */
  JsonNode createPostgresql(String name, Optional<String> version, String appPassword) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "database",
                "instance",
                "create",
                name,
                "--flavor",
                "1",
                "--size",
                "1",
                "--datastore",
                "postgresql"));
    version.ifPresent(value -> {
      arguments.add("--datastore-version");
      arguments.add(value);
    });
    arguments.addAll(
        List.of("--databases", "appdb", "--users", "app:" + appPassword, "-f", "json"));
    return ok(arguments.toArray(String[]::new)).json();
  }

  /** True when the OpenStack client is installed; prints a loud notice when it is not. */
  static boolean available() {
    if (Files.isExecutable(OPENSTACK)) {
      return true;
    }
    System.err.println(
        "\n*** SKIPPED: "
            + OPENSTACK
            + " is missing (install python3-openstackclient python3-troveclient; scripts/install.sh"
            + " does) ***\n");
    return false;
  }

  Result run(String... arguments) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().put("HOME", home.toString());
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().putAll(environment);
    try {
      Path out = Files.createTempFile(home, "out", ".txt");
      Path err = Files.createTempFile(home, "err", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs and requires exit 0. */
  Result ok(String... arguments) {
    Result result = run(arguments);
    if (result.exit() != 0) {
      throw new AssertionError(String.join(" ", arguments) + " failed: " + result);
    }
    return result;
  }
}
