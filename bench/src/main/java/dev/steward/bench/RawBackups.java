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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.mariadb.jdbc.Driver;

/**
 * The raw tools a backup strategy is measured against ({@link BackupBenchmark}): the same tool
 * against the same server, piped through {@code zstd -1} into a file, and restored by hand. For
 * benchmarks only: passwords travel in the environment of a {@code bash -c} pipeline.
 */
final class RawBackups {
  private RawBackups() {}

  /**
   * The source server as the raw tools reach it.
   *
   * @param instanceDirectory the local platform's directory of the instance (its {@code run}
   *     directory holds the unix socket)
   */
  record Target(String address, Path instanceDirectory, String user, String password) {}

  interface Tool {
    String datastore();

    String stopSignal();

    void fill(Target target, long bytes) throws Exception;

    void backup(Target target, Path file) throws Exception;

    /**
     * Restores {@code file} into {@code directory} and starts a server; returns once it answers.
     */
    Process restore(Path file, Path directory, String address, Target source) throws Exception;
  }

  static Tool forStrategy(String strategy) {
    return switch (strategy) {
      case "pg_basebackup" -> new PgBasebackup();
      case "pg_dump" -> new PgDump();
      case "redis-rdb" -> new RedisRdb();
      case "xtrabackup" -> new Mariabackup();
      default -> throw new IllegalArgumentException("no raw benchmark for " + strategy);
    };
  }

  private static Path pgBin() throws Exception {
    return RawServers.newest(Path.of("/usr/lib/postgresql"), "bin/initdb").resolve("bin");
  }

  static void pipeline(String script, Map<String, String> environment) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", "set -o pipefail; " + script).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("raw pipeline failed: " + output);
    }
  }

  /** The PostgreSQL tools: same engine, same stop signal, same data. */
  abstract static class PostgresqlTool implements Tool {
    @Override
    public String datastore() {
      return "postgresql";
    }

    @Override
    public String stopSignal() {
      return "INT";
    }

    @Override
    public void fill(Target target, long bytes) throws Exception {
      fillPostgresql(target, bytes);
    }
  }

  private static void fillPostgresql(Target target, long bytes) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("user", target.user());
    properties.setProperty("password", target.password());
    String base = "jdbc:postgresql://" + target.address() + ":5432/";
    try (Connection connection = DriverManager.getConnection(base + "postgres", properties);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE bench");
    }
    long rows = bytes / 1024;
    try (Connection connection = DriverManager.getConnection(base + "bench", properties);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE data (id bigint PRIMARY KEY, payload text)");
      for (long from = 1; from <= rows; from += 100_000) {
        long to = Math.min(rows, from + 99_999);
        statement.execute(
            "INSERT INTO data SELECT g, repeat(md5(g::text) || md5((g * 7)::text), 16)"
                + " FROM generate_series("
                + from
                + ", "
                + to
                + ") g");
      }
      statement.execute("CHECKPOINT");
    }
  }

  /** pg_basebackup tar → zstd; restore: unzstd | tar -x, then postgres until a login works. */
  static final class PgBasebackup extends PostgresqlTool {
    @Override
    public void backup(Target target, Path file) throws Exception {
      pipeline(
          pgBin().resolve("pg_basebackup")
              + " -h '"
              + target.instanceDirectory().resolve("run")
              + "' -p 5432 -U '"
              + target.user()
              + "' -w -D - -F t -X fetch -c fast | zstd -1 -q -c > '"
              + file
              + "'; chmod 0644 '"
              + file
              + "'",
          Map.of("PGPASSWORD", target.password()));
    }

    @Override
    public Process restore(Path file, Path directory, String address, Target source)
        throws Exception {
      RawServers.owned(directory, "postgres");
      Path data = directory.resolve("pgdata");
      RawServers.run(
          RawServers.as(
              "postgres",
              List.of(
                  "bash",
                  "-c",
                  "set -o pipefail; mkdir -m 0700 '"
                      + data
                      + "' && zstd -dc '"
                      + file
                      + "' | tar -x -C '"
                      + data
                      + "'")));
      Process server =
          RawServers.spawn(
              directory,
              RawServers.as(
                  "postgres",
                  List.of(
                      pgBin().resolve("postgres").toString(),
                      "-D",
                      data.toString(),
                      "-k",
                      directory.toString(),
                      "-c",
                      "listen_addresses=" + address)));
      RawServers.awaitLogin(server, address, source.user(), source.password());
      return server;
    }
  }

  /** pg_dump -Fc (as the strategy runs it) → zstd; restore: initdb, start, pg_restore. */
  static final class PgDump extends PostgresqlTool {
    @Override
    public void backup(Target target, Path file) throws Exception {
      pipeline(
          pgBin().resolve("pg_dump")
              + " -h '"
              + target.instanceDirectory().resolve("run")
              + "' -p 5432 -U '"
              + target.user()
              + "' -w -Fc -Z 0 -d bench | zstd -1 -q -c > '"
              + file
              + "'",
          Map.of("PGPASSWORD", target.password()));
    }

    @Override
    public Process restore(Path file, Path directory, String address, Target source)
        throws Exception {
      Process server = RawServers.postgresql(directory, address);
      pipeline(
          "zstd -dc '"
              + file
              + "' | "
              + pgBin().resolve("pg_restore")
              + " -h "
              + address
              + " -U postgres -w --no-owner --no-acl --exit-on-error -C -d postgres",
          Map.of("PGPASSWORD", "Bench-admin-pass-1"));
      return server;
    }
  }

  /** redis-cli --rdb - → zstd; restore: unzstd into dump.rdb, redis-server until PONG. */
  static final class RedisRdb implements Tool {
    @Override
    public String datastore() {
      return "redis";
    }

    @Override
    public String stopSignal() {
      return "TERM";
    }

    @Override
    public void fill(Target target, long bytes) throws Exception {
      io.lettuce.core.RedisURI uri =
          io.lettuce.core.RedisURI.builder()
              .withHost(target.address())
              .withPort(6379)
              .withAuthentication(target.user(), target.password().toCharArray())
              .build();
      io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(uri);
      try (io.lettuce.core.api.StatefulRedisConnection<String, String> connection =
          client.connect()) {
        long keys = bytes / 1024;
        Map<String, String> batch = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (long n = 0; n < keys; n++) {
          StringBuilder value = new StringBuilder(1040);
          while (value.length() < 1024) {
            value.append(Long.toHexString(random.nextLong() & 0xffffL)).append(n);
          }
          batch.put("bench:" + n, value.substring(0, 1024));
          if (batch.size() == 1000) {
            connection.sync().mset(batch);
            batch.clear();
          }
        }
        if (!batch.isEmpty()) {
          connection.sync().mset(batch);
        }
      } finally {
        client.shutdown();
      }
    }

    @Override
    public void backup(Target target, Path file) throws Exception {
      pipeline(
          "redis-cli -h "
              + target.address()
              + " -p 6379 --user '"
              + target.user()
              + "' --rdb - 2>/dev/null | zstd -1 -q -c > '"
              + file
              + "'; chmod 0644 '"
              + file
              + "'",
          Map.of("REDISCLI_AUTH", target.password()));
    }

    @Override
    public Process restore(Path file, Path directory, String address, Target source)
        throws Exception {
      RawServers.owned(directory, "redis");
      RawServers.run(
          RawServers.as(
              "redis",
              List.of("bash", "-c", "zstd -dc '" + file + "' > '" + directory + "/dump.rdb'")));
      List<String> command = new ArrayList<>(List.of("redis-server", "--bind", address));
      command.addAll(
          List.of(
              "--port",
              "6379",
              "--dir",
              directory.toString(),
              "--dbfilename",
              "dump.rdb",
              "--save",
              "",
              "--appendonly",
              "no"));
      Process server = RawServers.spawn(directory, RawServers.as("redis", command));
      awaitPong(server, address);
      return server;
    }

    /** PING until the answer is PONG (LOADING while the RDB loads). */
    private static void awaitPong(Process server, String address) throws Exception {
      while (server.isAlive()) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, 6379), 1000);
          OutputStream output = socket.getOutputStream();
          output.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
          output.flush();
          InputStream input = socket.getInputStream();
          byte[] reply = new byte[5];
          int n = input.read(reply);
          if (n >= 5 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG")) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(10);
      }
      throw new IllegalStateException("raw redis exited with " + server.exitValue());
    }
  }

  /**
   * mariabackup --stream=xbstream → zstd; restore: unzstd | mbstream -x, --prepare, mariadbd until
   * its greeting.
   */
  static final class Mariabackup implements Tool {
    @Override
    public String datastore() {
      return "mariadb";
    }

    @Override
    public String stopSignal() {
      return "TERM";
    }

    @Override
    public void fill(Target target, long bytes) throws Exception {
      Properties properties = new Properties();
      properties.setProperty("user", target.user());
      properties.setProperty("password", target.password());
      String url = "jdbc:mariadb://" + target.address() + ":3306/";
      try (Connection connection = new Driver().connect(url, properties);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE bench");
        statement.execute("USE bench");
        statement.execute("CREATE TABLE data (id BIGINT PRIMARY KEY, payload TEXT)");
        long rows = bytes / 1024;
        for (long from = 1; from <= rows; from += 100_000) {
          long to = Math.min(rows, from + 99_999);
          statement.execute(
              "INSERT INTO data SELECT seq, REPEAT(CONCAT(MD5(seq), MD5(seq * 7)), 16)"
                  + " FROM seq_"
                  + from
                  + "_to_"
                  + to);
        }
      }
    }

    /** An option file with the server's my.cnf and the root login, 0600, for the raw tool. */
    private static Path options(Target target) throws Exception {
      Path file = target.instanceDirectory().getParent().getParent().resolve("raw-backup.cnf");
      Files.writeString(
          file,
          "!include "
              + target.instanceDirectory().resolve("config/my.cnf")
              + "\n[mariabackup]\nuser="
              + target.user()
              + "\npassword="
              + target.password()
              + "\n");
      RawServers.run(List.of("chmod", "0600", file.toString()));
      return file;
    }

    @Override
    public void backup(Target target, Path file) throws Exception {
      Path scratch = Files.createTempDirectory("stwmb");
      try {
        pipeline(
            "mariabackup --defaults-file='"
                + options(target)
                + "' --backup --stream=xbstream --target-dir='"
                + scratch
                + "' 2>/dev/null | zstd -1 -q -c > '"
                + file
                + "'; chmod 0644 '"
                + file
                + "'",
            Map.of());
      } finally {
        RawServers.delete(scratch);
      }
    }

    @Override
    public Process restore(Path file, Path directory, String address, Target source)
        throws Exception {
      RawServers.owned(directory, "mysql");
      Path data = directory.resolve("db");
      RawServers.run(
          RawServers.as(
              "mysql",
              List.of(
                  "bash",
                  "-c",
                  "set -o pipefail; mkdir -m 0700 '"
                      + data
                      + "' && zstd -dc '"
                      + file
                      + "' | mbstream -x -C '"
                      + data
                      + "' && mariabackup --prepare --use-memory=256M --target-dir='"
                      + data
                      + "' 2>/dev/null")));
      Path cnf = directory.resolve("my.cnf");
      Files.writeString(
          cnf,
          String.join(
              "\n",
              "[mariadbd]",
              "datadir=" + data,
              "socket=" + directory.resolve("my.sock"),
              "pid-file=" + directory.resolve("my.pid"),
              "log-error=" + directory.resolve("error.log"),
              "port=3306",
              "bind-address=" + address,
              "skip-name-resolve",
              "innodb_buffer_pool_size=128M",
              ""));
      RawServers.run(List.of("chown", "mysql:mysql", cnf.toString()));
      Process server =
          RawServers.spawn(
              directory, RawServers.as("mysql", List.of("mariadbd", "--defaults-file=" + cnf)));
      RawServers.awaitGreeting(server, address, 3306, new byte[0]);
      return server;
    }
  }
}
