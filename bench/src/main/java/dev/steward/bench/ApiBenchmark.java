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

import dev.steward.server.StewardServer;
import dev.steward.server.identity.PasswordHash;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * API benchmark ({@code bench/api.sh}): a server on the embedded defaults (H2 store) with N
 * instances in the store, then C concurrent clients alternating {@code GET instances/{id}} and
 * {@code GET instances?limit=20} for a fixed time. The instances are a stand-in fleet: rows written
 * straight into the store in state ACTIVE with no servers behind them (the API reads only the
 * store), so the figure is the API and store path, not provisioning.
 */
public final class ApiBenchmark {
  private ApiBenchmark() {}

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String mode = args.length > 3 ? args[3] : "mixed";
    Path data = Files.createTempDirectory("stwb");
    String tenant = UUID.randomUUID().toString().replace("-", "");
    String token = UUID.randomUUID().toString();
    Files.writeString(
        data.resolve("identity.properties"),
        "token.bench.sha256 = "
            + PasswordHash.digest(token)
            + "\ntoken.bench.project = "
            + tenant
            + "\ntoken.bench.roles = member\n");
    Map<String, String> properties = new HashMap<>();
    properties.put("steward.data-dir", data.toString());
    properties.put("steward.datastores", "postgresql");
    properties.put("local.address-prefix", "127.99");
    properties.put("server.address", "127.99.0.1");
    properties.put("server.port", "0");
    properties.put("server.identity-file", data.resolve("identity.properties").toString());
    try (StewardServer server = StewardServer.start(properties)) {
      String version =
          server.steward().catalog().datastore("postgresql").versions().getFirst().name();
      List<String> ids = seed(data, tenant, version, instances);
      String base = server.uri() + "/v1.0/" + tenant + "/instances";
      System.out.printf(
          "seeded %d stand-in instances; %d clients for %d s (+3 s warm-up); load before: %s%n",
          instances, clients, seconds, load());
      run(base, token, ids, clients, Duration.ofSeconds(3), false, mode);
      run(base, token, ids, clients, Duration.ofSeconds(seconds), true, mode);
      System.out.printf(
          "load after: %s; cores: %d%n", load(), Runtime.getRuntime().availableProcessors());
    } finally {
      try (var paths = Files.walk(data)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static List<String> seed(Path data, String tenant, String version, int count)
      throws Exception {
    String url = "jdbc:h2:file:" + data.resolve("store/steward") + ";MODE=PostgreSQL;WRITE_DELAY=0";
    List<String> ids = new ArrayList<>();
    long now = System.currentTimeMillis();
    try (Connection connection = DriverManager.getConnection(url, "steward", "");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO instances (id, tenant_id, name, datastore, datastore_version, flavor_id,"
                    + " ram_mb, vcpus, volume_gb, state, address, admin_secret, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 'postgresql', ?, '1', 512, 1, 1, 'ACTIVE', ?, 'stand-in', ?, ?)")) {
      connection.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        insert.setString(1, id);
        insert.setString(2, tenant);
        insert.setString(3, "standin-" + i);
        insert.setString(4, version);
        insert.setString(5, "127.99." + (1 + i / 250) + "." + (1 + i % 250));
        insert.setLong(6, now + i);
        insert.setLong(7, now + i);
        insert.addBatch();
        if (i % 1000 == 999) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
      connection.commit();
    }
    return ids;
  }

  private static void run(
      String base,
      String token,
      List<String> ids,
      int clients,
      Duration duration,
      boolean report,
      String mode)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    URI uri = URI.create(base);
    String basePath = uri.getRawPath();
    List<long[]> samples = new ArrayList<>();
    List<int[]> counts = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    int[] errors = new int[clients];
    for (int c = 0; c < clients; c++) {
      long[] latencies = new long[200_000];
      int[] count = new int[1];
      int index = c;
      samples.add(latencies);
      counts.add(count);
      threads.add(
          Thread.ofPlatform()
              .start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                boolean list = mode.equals("list") || (mode.equals("mixed") && index % 2 == 0);
                RawClient http = null;
                while (!stop.get() && count[0] < latencies.length) {
                  String path =
                      list
                          ? basePath + "?limit=20&marker=" + ids.get(random.nextInt(ids.size()))
                          : basePath + "/" + ids.get(random.nextInt(ids.size()));
                  if (mode.equals("mixed")) {
                    list = !list;
                  }
                  long start = System.nanoTime();
                  try {
                    if (http == null) {
                      http = new RawClient(uri.getHost(), uri.getPort(), token);
                    }
                    if (http.get(path) != 200) {
                      errors[index]++;
                    }
                  } catch (IOException | RuntimeException e) {
                    errors[index]++;
                    http = null;
                  }
                  latencies[count[0]++] = System.nanoTime() - start;
                }
              }));
    }
    Thread.sleep(duration.toMillis());
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    if (!report) {
      return;
    }
    int total = counts.stream().mapToInt(c -> c[0]).sum();
    long[] all = new long[total];
    int offset = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(samples.get(c), 0, all, offset, counts.get(c)[0]);
      offset += counts.get(c)[0];
    }
    Arrays.sort(all);
    System.out.printf(
        "requests %d (errors %d) in %d s: %.0f req/s; p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        total,
        Arrays.stream(errors).sum(),
        duration.toSeconds(),
        total / (double) duration.toSeconds(),
        all[total / 2] / 1e6,
        all[(int) (total * 0.99)] / 1e6,
        all[total - 1] / 1e6);
  }

  /**
   * A minimal HTTP/1.1 keep-alive client over a plain socket, so that the load generator (in the
   * same JVM, on the same cores) costs as little CPU as possible; java.net.http costs several times
   * the server's own work per request.
   */
  private static final class RawClient {
    private final BufferedInputStream in;
    private final OutputStream out;
    private final String host;
    private final String token;

    RawClient(String host, int port, String token) throws IOException {
      Socket socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      this.in = new BufferedInputStream(socket.getInputStream(), 65536);
      this.out = socket.getOutputStream();
      this.host = host + ":" + port;
      this.token = token;
    }

    int get(String path) throws IOException {
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nX-Auth-Token: "
                  + token
                  + "\r\nAccept: application/json\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      long length = 0;
      String header;
      while (!(header = line()).isEmpty()) {
        int colon = header.indexOf(':');
        if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("Content-Length")) {
          length = Long.parseLong(header.substring(colon + 1).strip());
        }
      }
      in.skipNBytes(length);
      return code;
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new EOFException();
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
