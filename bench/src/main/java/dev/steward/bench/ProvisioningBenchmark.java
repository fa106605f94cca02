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

import dev.steward.core.Steward;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.instance.WarmPool;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): N instances of one datastore created through Steward (create → ACTIVE)
 * against the raw tools on the same machine in the same run (the engine's own init + start + first
 * answer, see {@link RawServers}), runs interleaved. Prints min / median of each and the ratio of
 * medians. Run it with {@code bench/provision.sh DATASTORE N}.
 */
public final class ProvisioningBenchmark {

  /**
   * Per step event, in execution order of first appearance: milliseconds since the previous one.
   */
  private static final Map<String, List<Long>> STEP_MILLIS = new LinkedHashMap<>();

  private ProvisioningBenchmark() {}

  public static void main(String[] args) throws Exception {
    String datastore = args.length > 0 ? args[0] : "postgresql";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    RawServers.RawServer rawServer = RawServers.forDatastore(datastore);
    Path root = Files.createTempDirectory("stwb");
    RawServers.run(List.of("chmod", "0711", root.toString()));
    List<Double> raw = new ArrayList<>();
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    try {
      // Cold: every create provisions, prepares and starts its engine.
      try (Steward control = Steward.builder().properties(properties(root, datastore, 0)).start()) {
        measure(control, datastore, rawServer, root, count, raw, cold, "cold");
      }
      // Warm: steward.warm-pool keeps one instance running ahead; a create claims it. The pool
      // refills between runs (not timed, like the raw run's removal of its server).
      try (Steward control = Steward.builder().properties(properties(root, datastore, 1)).start()) {
        try {
          measure(control, datastore, rawServer, root, count, raw, warm, "warm");
        } finally {
          control.warmPool().drain(Duration.ofMinutes(2));
        }
      }
    } finally {
      RawServers.delete(root);
    }
    double rawMedian = Stats.median(raw);
    System.out.printf(
        "%s, load average: %s%n", datastore, Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.printf(
        "raw init+start+ready          : min %.3f s, median %.3f s (n=%d)%n",
        Stats.min(raw), rawMedian, raw.size());
    System.out.printf(
        "steward create→ACTIVE, cold   : min %.3f s, median %.3f s (n=%d)%n",
        Stats.min(cold), Stats.median(cold), count);
    System.out.printf(
        "steward create→ACTIVE, warm   : min %.3f s, median %.3f s (n=%d, steward.warm-pool=%s=1)%n",
        Stats.min(warm), Stats.median(warm), count, datastore);
    System.out.println("cold steward time per step event (median since the previous event):");
    STEP_MILLIS.forEach((event, values) ->
        System.out.printf(
            "  %-30s %5d ms%n", event, values.stream().sorted().toList().get(values.size() / 2)));
    System.out.printf(
        "ratio cold (median steward / median raw): %.3f%n", Stats.median(cold) / rawMedian);
    System.out.printf(
        "ratio warm (median steward / median raw): %.3f (target <= 1.15)%n",
        Stats.median(warm) / rawMedian);
  }

  private static Map<String, String> properties(Path root, String datastore, int pool) {
    return Map.of(
        "steward.datastores",
        datastore,
        "steward.data-dir",
        root.resolve("s" + pool).toString(),
        "local.base-dir",
        root.resolve("i" + pool).toString(),
        "local.address-prefix",
        "127.8" + (3 + 2 * pool),
        "steward.warm-pool",
        datastore + "=" + pool);
  }

  private static void measure(
      Steward control,
      String datastore,
      RawServers.RawServer rawServer,
      Path root,
      int count,
      List<Double> raw,
      List<Double> steward,
      String label)
      throws Exception {
    // one warm-up of each, not counted
    rawOnce(rawServer, root, label + 0);
    stewardOnce(control, datastore, "warmup", label.equals("cold"));
    for (int i = 1; i <= count; i++) {

      // Alternate which goes first, so that drift and after-effects of the previous run
      // (checkpoints, directory removal) fall on both sides alike.
      if (i % 2 == 0) {
        raw.add(rawOnce(rawServer, root, label + i));
        steward.add(stewardOnce(control, datastore, label + "-" + i, label.equals("cold")));
      } else {
        steward.add(stewardOnce(control, datastore, label + "-" + i, label.equals("cold")));
        raw.add(rawOnce(rawServer, root, label + i));
      }
    }
  }

  private static int rawRuns;

  private static double rawOnce(RawServers.RawServer rawServer, Path root, String label)
      throws Exception {
    Path directory = root.resolve("raw-" + label);
    long start = System.nanoTime();
    Process server = rawServer.start(directory, "127.84.0." + (2 + rawRuns++));
    double seconds = (System.nanoTime() - start) / 1e9;
    rawServer.stop(server);
    RawServers.delete(directory);
    return seconds;
  }

  private static double stewardOnce(Steward control, String datastore, String name, boolean cold) {
    boolean recordSteps = cold;
    if (!recordSteps) {
      awaitPoolReady(control, datastore);
    }
    long start = System.nanoTime();
    Instance created =
        control.instances().create(CreateInstanceRequest.named("bench", name, datastore));
    control
        .instances()
        .await("bench", created.id(), EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(3));
    double seconds = (System.nanoTime() - start) / 1e9;
    Instant previous = created.created();
    List<StepRecord> history =
        recordSteps
            ? control.operations().history(created.activeOperation().orElseThrow())
            : List.of();
    for (StepRecord record : history) {
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

  /** Waits (untimed) until a configured warm pool has an instance ready. */
  private static void awaitPoolReady(Steward control, String datastore) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (control.warmPool().counts().getOrDefault(datastore, new WarmPool.PoolCount(0, 0)).ready()
        < 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("warm pool did not refill in 3 minutes");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
