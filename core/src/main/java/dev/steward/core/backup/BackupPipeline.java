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
package dev.steward.core.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.core.config.StewardConfig;
import dev.steward.core.plugin.Plugins;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes backups: the step of the backup plan calls {@link #run}. A backup gets a fresh data key
 * (wrapped by the key provider) and a nonce prefix; the strategy's stream goes through a {@link
 * BackupWriter}; the manifest is written last. Restores read backups back through {@link
 * BackupRestorer}.
 */
@Singleton
public final class BackupPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(BackupPipeline.class);
  private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

  private final StewardConfig config;
  private final Plugins plugins;
  private final BackupObjects objects;
  private final BackupStateMachine states;
  private final Clock clock;

  @Inject
  public BackupPipeline(
      StewardConfig config,
      Plugins plugins,
      BackupObjects objects,
      BackupStateMachine states,
      Clock clock) {
    this.config = requireNonNull(config, "config is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.objects = requireNonNull(objects, "objects is null");
    this.states = requireNonNull(states, "states is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** What the writer stored of one stream, and what the strategy said about it. */
  private record Stored(
      BackupResult result, List<Manifest.Chunk> chunks, long streamBytes, long storedBytes) {}

  /**
   * Takes the backup from scratch (removing what an interrupted attempt stored): BUILDING while the
   * tool streams, SAVING while the manifest is written. Returns when the manifest is durable.
   */
  void run(Backup backup, InstanceContext instance) {
    if (backup.state() == BackupState.SAVING && keptDurable(backup)) {
      return;
    }
    objects.remove(backup.id());
    states.building(backup.id());
    BackupSupport support = support(plugins.datastore(backup.datastore()));
    BackupStrategy strategy = plugins.strategy(backup.strategy());
    BackupRequest request = request(backup, support, strategy, instance);
    OptionalLong estimate = strategy.estimateBytes(request);
    if (estimate.isPresent()) {
      states.sizes(backup.id(), 0, null, estimate.getAsLong());
    }
    try (DataKey key = objects.newDataKey()) {
      Stored stored = stream(backup, strategy, request, key);
      states.saving(backup.id());
      objects.write(manifest(backup, strategy, instance, key, stored), key);
      states.sizes(
          backup.id(),
          stored.streamBytes(),
          stored.storedBytes(),
          estimate.isPresent() ? estimate.getAsLong() : null);
      LOG.info(
          "Backup {} of instance {}: {} bytes streamed, {} stored in {} chunks",
          backup.id(),
          backup.instanceId(),
          stored.streamBytes(),
          stored.storedBytes(),
          stored.chunks().size());
    }
  }

  /**
   * A repeat after the manifest became durable (a crash or a store failure before the operation
   * finished): the backup is complete; it is kept, its sizes recorded again.
   */
  private boolean keptDurable(Backup backup) {
    Optional<Manifest> durable = objects.readableManifest(backup.id());
    if (durable.isEmpty()) {
      return false;
    }
    LOG.info("Backup {} already has its manifest; not taking it again", backup.id());
    states.sizes(
        backup.id(),
        durable.get().streamBytes(),
        durable.get().storedBytes(),
        backup.estimatedBytes().orElse(null));
    return true;
  }

  /**
   * The strategy's request: the datastore's tool environment and, for an incremental backup, the
   * parent's verified metadata. A strategy copying files has the datastore flush them first.
   */
  private BackupRequest request(
      Backup backup, BackupSupport support, BackupStrategy strategy, InstanceContext instance) {
    Optional<Map<String, String>> parent =
        backup.parentId().map(id -> objects.verifiedManifest(id).metadata());
    BackupRequest request =
        new BackupRequest(backup.id(), instance, support.tools(instance), parent);
    if (strategy.copiesFiles()) {
      support.flush(instance);
    }
    return request;
  }

  /** Streams the strategy's output through a writer; no storing thread outlives this call. */
  private Stored stream(
      Backup backup, BackupStrategy strategy, BackupRequest request, DataKey key) {
    BackupWriter writer =
        new BackupWriter(
            objects.store(),
            backup.id(),
            key.cipher(backup.id()),
            (int) config.backup().chunkSize().bytes(),
            config.backup().compressionLevel(),
            new Progress(backup.id()));
    boolean stored = false;
    try {
      BackupResult result = strategy.backup(request, writer);
      writer.close();
      stored = true;
      return new Stored(result, writer.chunks(), writer.streamBytes(), writer.storedBytes());
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Storing backup " + backup.id() + " failed", e);
    } finally {
      if (!stored) {
        writer.abort(); // also after an Error
      }
    }
  }

  private Manifest manifest(
      Backup backup,
      BackupStrategy strategy,
      InstanceContext instance,
      DataKey key,
      Stored stored) {
    return new Manifest(
        Manifest.FORMAT,
        backup.id(),
        strategy.name(),
        backup.datastore(),
        backup.datastoreVersion(),
        instance.version().number(),
        backup.parentId().orElse(null),
        "zstd",
        config.backup().chunkSize().bytes(),
        stored.chunks(),
        stored.streamBytes(),
        stored.storedBytes(),
        key.encryption(),
        stored.result().metadata(),
        clock.millis(),
        null);
  }

  /** Removes every stored object of a backup (chunks and manifest); idempotent. */
  void removeObjects(String backupId) {
    objects.remove(backupId);
  }

  /** The datastore's backup support; NOT_SUPPORTED when it has none. */
  static BackupSupport support(Datastore datastore) {
    return datastore
        .backups()
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.NOT_SUPPORTED,
                "Datastore " + datastore.name() + " does not support backups"));
  }

  /** Records the streamed byte count at most every {@link #PROGRESS_INTERVAL}. */
  private final class Progress implements LongConsumer {
    private final String backupId;
    private Instant lastReport = clock.instant();

    Progress(String backupId) {
      this.backupId = backupId;
    }

    @Override
    public void accept(long bytes) {
      Instant now = clock.instant();
      if (Duration.between(lastReport, now).compareTo(PROGRESS_INTERVAL) >= 0) {
        lastReport = now;
        states.progress(backupId, bytes);
      }
    }
  }
}
