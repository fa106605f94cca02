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
import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupState;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.instance.RootService.RootCredentials;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): one strategy on ~SIZE MB of data, Steward against the raw tools in the
 * same run. Backup: Steward's backup (zstd, AES-256-GCM, SHA-256 chunks, stored, manifest) against
 * {@code tool | zstd -1 > file}, as throughput of the same tool stream. Restore: Steward's create
 * from the backup to ACTIVE against the raw restore of the zstd file (unpack and start, or initdb,
 * start and pg_restore) until the server answers. Also prints the control plane's peak RSS during
 * Steward's backup. Run it with {@code bench/backup.sh STRATEGY SIZE_MB}.
 */
public final class BackupBenchmark {
  private static final int RUNS = 3;
  private static final String FLAVOR = "4";

  private BackupBenchmark() {}

  public static void main(String[] args) throws Exception {
    String strategy = args.length > 0 ? args[0] : "pg_basebackup";
    long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 1024;
    RawBackups.Tool tool = RawBackups.forStrategy(strategy);
    Path root = Files.createTempDirectory("stwbk");
    RawServers.run(List.of("chmod", "0711", root.toString()));
    Map<String, String> properties =
        Map.of(
            "steward.datastores",
            tool.datastore(),
            "steward.data-dir",
            root.resolve("s").toString(),
            "local.base-dir",
            root.resolve("i").toString(),
            "local.address-prefix",
            "127.83",
            "steward.backup.strategies",
            strategy,
            "steward.backup.choice",
            tool.datastore() + "=" + strategy);
    List<Double> rawBackup = new ArrayList<>();
    List<Double> stewardBackup = new ArrayList<>();
    List<Double> rawRestore = new ArrayList<>();
    List<Double> stewardRestore = new ArrayList<>();
    long streamBytes = 0;
    long storedBytes = 0;
    long rawFileBytes = 0;
    long peakRss = 0;
    try (Steward steward = Steward.builder().properties(properties).start()) {
      try {
        Instance source =
            active(
                steward,
                // m1.large (4 GiB): the data must fit the engine's memory (Redis' maxmemory).
                CreateInstanceRequest.named("bench", "source", tool.datastore())
                    .withFlavor(FLAVOR));
        RootCredentials credentials = steward.root().enable("bench", source.id(), Optional.empty());
        RawBackups.Target target =
            new RawBackups.Target(
                source.address().orElseThrow(),
                root.resolve("i").resolve(source.id()),
                credentials.userName(),
                credentials.password().reveal());
        long filled = System.nanoTime();
        tool.fill(target, megabytes * 1024 * 1024);
        System.err.printf(
            "filled %d MB in %.1f s%n", megabytes, (System.nanoTime() - filled) / 1e9);
        for (int run = 0; run < RUNS; run++) {
          Path file = root.resolve("raw-" + run + ".zst");
          long start = System.nanoTime();
          tool.backup(target, file);
          rawBackup.add((System.nanoTime() - start) / 1e9);
          rawFileBytes = Files.size(file);

          AtomicLong peak = new AtomicLong();
          Thread sampler = Thread.ofPlatform().daemon().start(() -> sampleRss(peak));
          start = System.nanoTime();
          Backup recorded =
              steward
                  .backups()
                  .create("bench", source.id(), "b" + run, Optional.empty(), Optional.empty());
          Backup done =
              steward
                  .backups()
                  .await(
                      "bench",
                      recorded.id(),
                      EnumSet.of(BackupState.COMPLETED),
                      Duration.ofHours(1));
          stewardBackup.add((System.nanoTime() - start) / 1e9);
          sampler.interrupt();
          sampler.join();
          peakRss = Math.max(peakRss, peak.get());
          streamBytes = done.streamBytes();
          storedBytes = done.storedBytes().orElse(0L);

          Path restoreDirectory = root.resolve("raw-restore-" + run);
          start = System.nanoTime();
          Process server = tool.restore(file, restoreDirectory, "127.84.0." + (2 + run), target);
          rawRestore.add((System.nanoTime() - start) / 1e9);
          RawServers.stop(server, tool.stopSignal());
          RawServers.delete(restoreDirectory);
          Files.delete(file);

          start = System.nanoTime();
          Instance restored =
              active(
                  steward,
                  CreateInstanceRequest.named("bench", "restored-" + run, tool.datastore())
                      .withFlavor(FLAVOR)
                      .withRestorePoint(done.id()));
          stewardRestore.add((System.nanoTime() - start) / 1e9);
          steward
              .operations()
              .awaitSuccess(
                  steward.instances().delete("bench", restored.id()).id(), Duration.ofMinutes(5));
          steward
              .operations()
              .awaitSuccess(
                  steward.backups().delete("bench", done.id()).id(), Duration.ofMinutes(5));
        }
      } finally {
        // Also after a failure: no server of the benchmark outlives it.
        removeInstances(steward);
      }
    } finally {
      RawServers.delete(root);
    }
    double mb = streamBytes / 1e6;
    System.out.printf(
        "%s, %d MB requested, tool stream %.0f MB; load average: %s%n",
        strategy, megabytes, mb, Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.printf(
        "raw backup  (tool | zstd -1 > file)  : best %.2f s, median %.2f s = %.0f MB/s (file %.0f MB)%n",
        Stats.min(rawBackup),
        Stats.median(rawBackup),
        mb / Stats.median(rawBackup),
        rawFileBytes / 1e6);
    System.out.printf(
        "steward backup (zstd+AES-GCM+SHA-256) : best %.2f s, median %.2f s = %.0f MB/s (stored %.0f MB)%n",
        Stats.min(stewardBackup),
        Stats.median(stewardBackup),
        mb / Stats.median(stewardBackup),
        storedBytes / 1e6);
    System.out.printf(
        "backup throughput ratio (steward / raw): %.3f (target >= 0.90)%n",
        Stats.median(rawBackup) / Stats.median(stewardBackup));
    System.out.printf(
        "raw restore                          : best %.2f s, median %.2f s%n",
        Stats.min(rawRestore), Stats.median(rawRestore));
    System.out.printf(
        "steward restore (create -> ACTIVE)   : best %.2f s, median %.2f s%n",
        Stats.min(stewardRestore), Stats.median(stewardRestore));
    System.out.printf(
        "restore time ratio (steward / raw): %.3f (target <= 1.15)%n",
        Stats.median(stewardRestore) / Stats.median(rawRestore));
    System.out.printf(
        "control plane peak RSS during backup: %d MB (JVM max heap %d MB)%n",
        peakRss / 1024, Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static void removeInstances(Steward steward) {
    for (Instance instance : steward.instances().list("bench", 1000, Optional.empty())) {
      try {
        Instance settled =
            steward
                .instances()
                .await(
                    "bench",
                    instance.id(),
                    EnumSet.of(InstanceState.ACTIVE, InstanceState.ERROR),
                    Duration.ofMinutes(5));
        steward
            .operations()
            .awaitSuccess(
                steward.instances().delete("bench", settled.id()).id(), Duration.ofMinutes(5));
      } catch (RuntimeException e) {
        System.err.println("could not remove instance " + instance.id() + ": " + e.getMessage());
      }
    }
  }

  private static Instance active(Steward steward, CreateInstanceRequest request) {
    Instance created = steward.instances().create(request);
    return steward
        .instances()
        .await("bench", created.id(), EnumSet.of(InstanceState.ACTIVE), Duration.ofHours(1));
  }

  /** Peak VmRSS (kB) of this process, sampled every 20 ms until interrupted. */
  private static void sampleRss(AtomicLong peak) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmRSS:")) {
            long kb = Long.parseLong(line.replaceAll("\\D", ""));
            peak.accumulateAndGet(kb, Math::max);
          }
        }
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        return;
      }
    }
  }
}
