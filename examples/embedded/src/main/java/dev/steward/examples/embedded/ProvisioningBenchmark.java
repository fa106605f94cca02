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
package dev.steward.examples.embedded;

import dev.steward.core.Steward;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): N PostgreSQL instances created through Steward (create → ACTIVE) against
 * the raw tools on the same machine in the same run (initdb with the same options + start + first
 * successful connection), runs interleaved. Prints min / median of each and the ratio of medians.
 * Run it with {@code bench/provision-postgresql.sh N}.
 */
public final class ProvisioningBenchmark {
  private static final String PASSWORD = "Bench-admin-pass-1";

  /**
   * Per step event, in execution order of first appearance: milliseconds since the previous one.
   */
  private static final Map<String, List<Long>> STEP_MILLIS = new LinkedHashMap<>();

  private ProvisioningBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path root = Files.createTempDirectory("stwb");
    Path bin = binDirectory();
    List<Double> raw = new ArrayList<>();
    List<Double> steward = new ArrayList<>();
    Map<String, String> properties =
        Map.of(
            "steward.datastores",
            "postgresql",
            "steward.data-dir",
            root.resolve("s").toString(),
            "local.base-dir",
            root.resolve("i").toString(),
            "local.address-prefix",
            "127.83");
    try (Steward control = Steward.builder().properties(properties).start()) {
      // one warm-up of each, not counted
      rawOnce(bin, root, 0);
      stewardOnce(control, "warmup");
      for (int i = 1; i <= count; i++) {
        // Alternate which goes first, so that drift and after-effects of the previous run
        // (checkpoints, directory removal) fall on both sides alike.
        if (i % 2 == 0) {
          raw.add(rawOnce(bin, root, i));
          steward.add(stewardOnce(control, "bench-" + i));
        } else {
          steward.add(stewardOnce(control, "bench-" + i));
          raw.add(rawOnce(bin, root, i));
        }
      }
      for (Instance instance :
          control.instances().list("bench", 1000, java.util.Optional.empty())) {
        control
            .operations()
            .awaitSuccess(
                control.instances().delete("bench", instance.id()).id(), Duration.ofMinutes(2));
      }
    } finally {
      delete(root);
    }
    double rawMedian = median(raw);
    double stewardMedian = median(steward);
    System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.printf(
        "raw initdb+start+ready : min %.3f s, median %.3f s (n=%d)%n", min(raw), rawMedian, count);
    System.out.printf(
        "steward create→ACTIVE  : min %.3f s, median %.3f s (n=%d)%n",
        min(steward), stewardMedian, count);
    System.out.println("steward time per step event (median since the previous event):");
    STEP_MILLIS.forEach((event, values) ->
        System.out.printf(
            "  %-30s %5d ms%n", event, values.stream().sorted().toList().get(values.size() / 2)));
    System.out.printf(
        "ratio (median steward / median raw): %.3f (target <= 1.15)%n", stewardMedian / rawMedian);
  }

  private static double stewardOnce(Steward control, String name) {
    long start = System.nanoTime();
    Instance created =
        control.instances().create(CreateInstanceRequest.named("bench", name, "postgresql"));
    control
        .instances()
        .await("bench", created.id(), EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(3));
    double seconds = (System.nanoTime() - start) / 1e9;
    Instant previous = created.created();
    for (StepRecord record :
        control.operations().history(created.activeOperation().orElseThrow())) {
      STEP_MILLIS
          .computeIfAbsent(record.step() + " " + record.outcome(), key -> new ArrayList<>())
          .add(Duration.between(previous, record.at()).toMillis());
      previous = record.at();
    }
    // Not timed: remove it again, as the raw run stops and removes its server.
    control
        .operations()
        .awaitSuccess(
            control.instances().delete("bench", created.id()).id(), Duration.ofMinutes(2));
    return seconds;
  }

  private static double rawOnce(Path bin, Path root, int index) throws Exception {
    Path directory = root.resolve("raw" + index);
    Files.createDirectories(
        directory,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    if (asRoot) {
      run(List.of("chown", "postgres:postgres", directory.toString()));
      run(List.of("chmod", "0711", root.toString()));
    }
    Path passwordFile = directory.resolve("pw");
    Files.writeString(passwordFile, PASSWORD + "\n");
    if (asRoot) {
      run(List.of("chown", "postgres:postgres", passwordFile.toString()));
    }
    String address = "127.84.0." + (index + 2);
    long start = System.nanoTime();
    run(
        asPostgres(
            asRoot,
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
        new ProcessBuilder(
                asPostgres(
                    asRoot,
                    List.of(
                        bin.resolve("postgres").toString(),
                        "-D",
                        directory.resolve("pgdata").toString(),
                        "-k",
                        directory.toString(),
                        "-c",
                        "listen_addresses=" + address)))
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("server.log").toFile())
            .start();
    Properties credentials = new Properties();
    credentials.setProperty("user", "postgres");
    credentials.setProperty("password", PASSWORD);
    while (true) {
      try (Connection connection =
          DriverManager.getConnection(
              "jdbc:postgresql://" + address + ":5432/postgres", credentials)) {
        break;
      } catch (SQLException e) {
        Thread.sleep(10);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    run(List.of("kill", "-INT", Long.toString(server.pid())));
    server.waitFor();
    delete(directory);
    return seconds;
  }

  private static List<String> asPostgres(boolean asRoot, List<String> command) {
    List<String> result = new ArrayList<>();
    if (asRoot) {
      result.addAll(
          List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    }
    result.addAll(command);
    return result;
  }

  private static Path binDirectory() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder())
          .orElseThrow();
    }
  }

  private static void run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TZ", "UTC"); // as Steward runs initdb: no time-zone probing
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command.getFirst() + " failed: " + output);
    }
  }

  private static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
