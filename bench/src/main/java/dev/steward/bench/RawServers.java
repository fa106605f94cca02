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
package dev.steward.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The raw side of the provisioning benchmark: each engine initialised and started with its own
 * tools, the way an operator would by hand, as the engine's packaged user, timed until the server
 * first answers on its address. Benchmark code, not used by Steward.
 */
final class RawServers {
  private RawServers() {}

  /** One engine's raw init + start + ready. */
  interface Starter {
    /** Initialises a server in {@code directory} and starts it; returns once it answers. */
    Process start(Path directory, String address) throws Exception;
  }

  /** How to start an engine by hand and which signal stops it cleanly. */
  record RawServer(Starter starter, String stopSignal) {
    Process start(Path directory, String address) throws Exception {
      return starter.start(directory, address);
    }

    /** Stops the server with its clean-shutdown signal and waits for it. */
    void stop(Process server) throws Exception {
      RawServers.stop(server, stopSignal);
    }
  }

  /** Stops a server with {@code signal} and waits for it. */
  static void stop(Process server, String signal) throws Exception {
    run(List.of("kill", "-" + signal, Long.toString(server.pid())));
    server.waitFor();
  }

  static RawServer forDatastore(String datastore) {
    return switch (datastore) {
      // SIGINT is PostgreSQL's fast shutdown; mariadbd ignores SIGINT and stops on SIGTERM.
      case "postgresql" -> new RawServer(RawServers::postgresql, "INT");
      case "mariadb", "mysql" -> new RawServer(RawServers::mariadb, "TERM");
      case "redis" -> new RawServer(RawServers::redis, "TERM");
      default -> throw new IllegalArgumentException("no raw benchmark for " + datastore);
    };
  }

  static Process postgresql(Path directory, String address) throws Exception {
    Path bin = newest(Path.of("/usr/lib/postgresql"), "bin/initdb").resolve("bin");
    owned(directory, "postgres");
    Path passwordFile = directory.resolve("pw");
    Files.writeString(passwordFile, "Bench-admin-pass-1\n");
    run(List.of("chown", "postgres:postgres", passwordFile.toString()));
    run(
        as(
            "postgres",
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                directory.resolve("pgdata").toString(),
                "-U",
                "postgres",
                "--pwfile=" + passwordFile,
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8")));
    Process server =
        spawn(
            directory,
            as(
                "postgres",
                List.of(
                    bin.resolve("postgres").toString(),
                    "-D",
                    directory.resolve("pgdata").toString(),
                    "-k",
                    directory.toString(),
                    "-c",
                    "listen_addresses=" + address)));
    awaitLogin(server, address);
    return server;
  }

  private static Process mariadb(Path directory, String address) throws Exception {
    owned(directory, "mysql");
    Path cnf = directory.resolve("my.cnf");
    Files.writeString(
        cnf,
        String.join(
            "\n",
            "[mariadbd]",
            "datadir=" + directory.resolve("data"),
            "socket=" + directory.resolve("my.sock"),
            "pid-file=" + directory.resolve("my.pid"),
            "log-error=" + directory.resolve("error.log"),
            "port=3306",
            "bind-address=" + address,
            "skip-name-resolve",
            "innodb_buffer_pool_size=128M",
            ""));
    run(List.of("chown", "mysql:mysql", cnf.toString()));
    run(
        as(
            "mysql",
            List.of(
                "mariadb-install-db",
                "--defaults-file=" + cnf,
                "--skip-test-db",
                "--auth-root-authentication-method=socket")));
    Process server = spawn(directory, as("mysql", List.of("mariadbd", "--defaults-file=" + cnf)));
    awaitGreeting(server, address, 3306, new byte[0]);
    return server;
  }

  private static Process redis(Path directory, String address) throws Exception {
    owned(directory, "redis");
    Path conf = directory.resolve("redis.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "bind " + address,
            "port 6379",
            "dir " + directory,
            "daemonize no",
            "requirepass Bench-admin-pass-1",
            ""));
    run(List.of("chown", "redis:redis", conf.toString()));
    Process server = spawn(directory, as("redis", List.of("redis-server", conf.toString())));
    awaitGreeting(server, address, 6379, "PING\r\n".getBytes(StandardCharsets.US_ASCII));
    return server;
  }

  /** PostgreSQL speaks only when spoken to: polls every 10 ms until a real login succeeds. */
  private static void awaitLogin(Process server, String address) throws Exception {
    awaitLogin(server, address, "postgres", "Bench-admin-pass-1");
  }

  static void awaitLogin(Process server, String address, String user, String password)
      throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    String url = "jdbc:postgresql://" + address + ":5432/postgres";
    while (server.isAlive()) {
      try (Connection connection = DriverManager.getConnection(url, credentials)) {
        return;
      } catch (SQLException e) {
        Thread.sleep(10);
      }
    }
    throw new IllegalStateException("raw server exited with " + server.exitValue());
  }

  /** Polls every 10 ms until the server sends its first bytes (a greeting or a reply). */
  static void awaitGreeting(Process server, String address, int port, byte[] request)
      throws Exception {
    while (server.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), 1000);
        socket.setSoTimeout(2000);
        OutputStream output = socket.getOutputStream();
        output.write(request);
        output.flush();
        InputStream input = socket.getInputStream();
        if (request.length == 0 && input.read() >= 0) {
          return;
        }
        if (request.length > 0 && input.read() >= 0) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(10);
      }
    }
    throw new IllegalStateException("raw server exited with " + server.exitValue());
  }

  static void owned(Path directory, String user) throws Exception {
    Files.createDirectories(directory);
    run(List.of("chown", user + ":" + user, directory.toString()));
    run(List.of("chmod", "0700", directory.toString()));
  }

  static List<String> as(String user, List<String> command) {
    List<String> result = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      result.addAll(
          List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
    }
    result.addAll(command);
    return result;
  }

  static Process spawn(Path directory, List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TZ", "UTC");
    return builder.redirectOutput(directory.resolve("server.out").toFile()).start();
  }

  static void run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TZ", "UTC"); // as Steward runs initdb: no time-zone probing
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command + " failed: " + output);
    }
  }

  static Path newest(Path root, String marker) throws IOException {
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(v -> Files.isExecutable(v.resolve(marker)))
          .max(Comparator.naturalOrder())
          .orElseThrow(() -> new IllegalStateException("nothing installed under " + root));
    }
  }

  static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
