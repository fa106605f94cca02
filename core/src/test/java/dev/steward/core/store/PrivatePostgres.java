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
package dev.steward.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for the store tests: its own directory, its own loopback address,
 * stopped by pid. Test fixture only (trust authentication on a private address).
 */
public final class PrivatePostgres implements AutoCloseable {
  private final Path directory;
  private final String address;
  private final Process process;

  private PrivatePostgres(Path directory, String address, Process process) {
    this.directory = directory;
    this.address = address;
    this.process = process;
  }

  public static PrivatePostgres start(Path directory, String address) throws Exception {
    Path bin = binDirectory();
    boolean root = "root".equals(System.getProperty("user.name"));
    run(List.of("chmod", "0711", directory.toString()));
    Path data = directory.resolve("data");
    if (root) {
      run(List.of("chown", "postgres:postgres", directory.toString()));
    }
    run(
        asPostgres(
            root,
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C.UTF-8")));
    Process process =
        new ProcessBuilder(
                asPostgres(
                    root,
                    List.of(
                        bin.resolve("postgres").toString(),
                        "-D",
                        data.toString(),
                        "-k",
                        directory.toString(),
                        "-c",
                        "listen_addresses=" + address,
                        "-c",
                        "fsync=off")))
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("server.log").toFile())
            .start();
    PrivatePostgres server = new PrivatePostgres(directory, address, process);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      try (Connection connection = DriverManager.getConnection(server.url(), "postgres", "")) {
        return server;
      } catch (SQLException e) {
        if (Instant.now().isAfter(deadline) || !process.isAlive()) {
          server.close();
          throw new IllegalStateException("private PostgreSQL did not start", e);
        }
        Thread.sleep(50);
      }
    }
  }

  public String url() {
    return "jdbc:postgresql://" + address + ":5432/postgres";
  }

  private static List<String> asPostgres(boolean root, List<String> command) {
    List<String> result = new ArrayList<>();
    if (root) {
      result.addAll(
          List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    }
    result.addAll(command);
    return result;
  }

  private static Path binDirectory() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
          .max(Comparator.naturalOrder())
          .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed"));
    }
  }

  private static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command.getFirst() + " failed: " + output);
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
