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

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.config.StewardConfig;
import dev.steward.core.plugin.Plugins;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.ObjectStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs backups and reads them back: the steps of the backup and restore plans call it. A backup
 * gets a fresh data key (wrapped by the {@link KeyProvider}) and a nonce prefix; the strategy's
 * stream goes through a {@link BackupWriter}; the manifest is written last. Restores read the chain
 * parent-first through {@link BackupReader}s.
 */
@Singleton
public final class BackupPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(BackupPipeline.class);
  private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

  private final StewardConfig config;
  private final Plugins plugins;
  private final BackupStore backups;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final KeyProvider keys;
  private final SecureRandom random = new SecureRandom();

  @Inject
  public BackupPipeline(
      StewardConfig config,
      Plugins plugins,
      BackupStore backups,
      ObjectMapper mapper,
      Clock clock) {
    this.config = requireNonNull(config, "config is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.backups = requireNonNull(backups, "backups is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.keys = new FileKeyProvider(config.backup().keyFile());
  }

  private ObjectStore store() {
    return plugins.platform().objectStore();
  }

  /**
   * Takes the backup from scratch (removing what an interrupted attempt stored): BUILDING while the
   * tool streams, SAVING while the manifest is written. Returns when the manifest is durable.
   */
  void run(Backup backup, InstanceContext instance) {
    if (backup.state() == BackupState.SAVING) {
      Optional<Manifest> durable = readableManifest(backup.id());
      if (durable.isPresent()) {
        // A repeat after the manifest became durable (a crash or a store failure before the
        // operation finished): the backup is complete; keep it.
        LOG.info("Backup {} already has its manifest; not taking it again", backup.id());
        backups.sizes(
            backup.id(),
            durable.get().streamBytes(),
            durable.get().storedBytes(),
            backup.estimatedBytes().orElse(null),
            clock.instant());
        return;
      }
    }
    removeObjects(backup.id());
    backups.transition(backup.id(), BackupState.BUILDING, clock.instant());
    Datastore datastore = plugins.datastore(backup.datastore());
    BackupSupport support = support(datastore);
    BackupStrategy strategy = plugins.strategy(backup.strategy());
    Optional<Map<String, String>> parent =
        backup.parentId().map(id -> verifiedManifest(id).metadata());
    ToolEnvironment tools = support.tools(instance);
    BackupRequest request = new BackupRequest(backup.id(), instance, tools, parent);
    if (strategy.copiesFiles()) {
      support.flush(instance);
    }
    OptionalLong estimate = strategy.estimateBytes(request);
    if (estimate.isPresent()) {
      backups.sizes(backup.id(), 0, null, estimate.getAsLong(), clock.instant());
    }
    byte[] dataKey = new byte[32];
    byte[] noncePrefix = new byte[4];
    random.nextBytes(dataKey);
    random.nextBytes(noncePrefix);
    KeyProvider.WrappedKey wrapped = keys.wrap(dataKey);
    ChunkCipher cipher = new ChunkCipher(dataKey, noncePrefix, backup.id());
    Instant[] lastReport = {clock.instant()};
    BackupWriter writer =
        new BackupWriter(
            store(),
            backup.id(),
            cipher,
            (int) config.backup().chunkSize().bytes(),
            config.backup().compressionLevel(),
            bytes -> {
              Instant now = clock.instant();
              if (Duration.between(lastReport[0], now).compareTo(PROGRESS_INTERVAL) >= 0) {
                lastReport[0] = now;
                backups.progress(backup.id(), bytes, now);
              }
            });
    BackupResult result;
    boolean stored = false;
    try {
      result = strategy.backup(request, writer);
      writer.close();
      stored = true;
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Storing backup " + backup.id() + " failed", e);
    } finally {
      if (!stored) {
        writer.abort(); // also after an Error: no storing thread outlives the step
      }
    }
    backups.transition(backup.id(), BackupState.SAVING, clock.instant());
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT,
            backup.id(),
            strategy.name(),
            backup.datastore(),
            backup.datastoreVersion(),
            instance.version().number(),
            backup.parentId().orElse(null),
            "zstd",
            config.backup().chunkSize().bytes(),
            writer.chunks(),
            writer.streamBytes(),
            writer.storedBytes(),
            new Manifest.Encryption(
                "AES-256-GCM",
                wrapped.provider(),
                wrapped.keyId(),
                wrapped.wrapped(),
                Base64.getEncoder().encodeToString(noncePrefix)),
            result.metadata(),
            clock.millis(),
            null);
    manifest.sealed(dataKey, mapper).write(store(), mapper);
    java.util.Arrays.fill(dataKey, (byte) 0);
    backups.sizes(
        backup.id(),
        writer.streamBytes(),
        writer.storedBytes(),
        estimate.isPresent() ? estimate.getAsLong() : null,
        clock.instant());
    LOG.info(
        "Backup {} of instance {}: {} bytes streamed, {} stored in {} chunks",
        backup.id(),
        backup.instanceId(),
        writer.streamBytes(),
        writer.storedBytes(),
        writer.chunks().size());
  }

  /** A backup's manifest after its MAC was checked under its unwrapped data key. */
  private Manifest verifiedManifest(String backupId) {
    Manifest manifest = Manifest.read(store(), mapper, backupId);
    manifest.verify(keys.unwrap(backupId, manifest.wrappedKey()), mapper);
    return manifest;
  }

  private Optional<Manifest> readableManifest(String backupId) {
    try {
      return Optional.of(Manifest.read(store(), mapper, backupId));
    } catch (StewardException e) {
      return Optional.empty();
    }
  }

  /** Removes every stored object of a backup (chunks and manifest); idempotent. */
  void removeObjects(String backupId) {
    ObjectStore store = store();
    // The manifest first, so that a half-removed backup is never mistaken for a complete one.
    store.delete(Backups.manifestKey(backupId));
    for (String key : store.list(Backups.prefix(backupId))) {
      store.delete(key);
    }
  }

  /** The backups to apply for {@code backupId}, parent first (one for a full backup). */
  public List<Backup> chain(String backupId) {
    Deque<Backup> chain = new ArrayDeque<>();
    Optional<String> next = Optional.of(backupId);
    while (next.isPresent()) {
      String id = next.get();
      Backup backup = backups.find(id).orElseThrow(() -> Backups.notFound(id));
      if (backup.state() != BackupState.COMPLETED) {
        throw new StewardException(
            StandardErrorCode.BACKUP_INCOMPATIBLE,
            "Backup " + id + " is " + backup.state() + ", not COMPLETED");
      }
      chain.addFirst(backup);
      next = backup.parentId();
    }
    return List.copyOf(chain);
  }

  /**
   * Checks every chunk of every backup of the chain (presence, size, SHA-256, authenticated
   * decryption bound to its backup, position and the last flag) and discards it: nothing reaches an
   * engine. Decompression is left to the restore itself: the authenticated chunks are exactly the
   * ones written. Throws BACKUP_CORRUPT or BACKUP_KEY_INVALID.
   */
  public void verify(String backupId) {
    for (RestorePart part : parts(backupId, new java.util.ArrayList<>())) {
      try (BackupReader reader = (BackupReader) part.open()) {
        long bytes = reader.verifyChunks();
        LOG.info("Backup {} verified: {} compressed bytes", part.backupId(), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Restores the chain of {@code backupId} with its strategy into {@code instance}. Whatever the
   * strategy makes of a failure, an integrity failure of any chunk read is what this throws
   * (BACKUP_CORRUPT), also when the strategy swallowed it. Returns the strategy's notices: what the
   * restore did not carry over from the source ({@code BackupStrategy.restoreNotices}).
   */
  public List<String> restore(String backupId, InstanceContext instance) {
    Backup backup = backups.find(backupId).orElseThrow(() -> Backups.notFound(backupId));
    BackupStrategy strategy = plugins.strategy(backup.strategy());
    BackupSupport support = support(plugins.datastore(backup.datastore()));
    List<BackupReader> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<RestorePart> parts = parts(backupId, opened);
    try {
      try {
        strategy.restore(
            new dev.steward.spi.backup.RestoreRequest(instance, support.tools(instance), parts));
      } catch (RuntimeException e) {
        rethrowIntegrityFailure(opened);
        throw e;
      }
      rethrowIntegrityFailure(opened);
      // Every part must have been read, and to its end: the engine starts only on a chain whose
      // every chunk was authenticated (a tool may stop before trailing padding).
      for (RestorePart part : parts) {
        List<BackupReader> readers =
            opened.stream().filter(reader -> reader.backupId().equals(part.backupId())).toList();
        if (readers.isEmpty()) {
          throw new StewardException(
              StandardErrorCode.INTERNAL_ERROR,
              "Strategy " + strategy.name() + " did not read backup " + part.backupId());
        }
        for (BackupReader reader : readers) {
          reader.drainRest();
        }
      }
      rethrowIntegrityFailure(opened);
      List<String> notices = strategy.restoreNotices(parts);
      notices.forEach(notice -> LOG.warn("Restore of backup {}: {}", backupId, notice));
      return notices;
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Reading backup " + backupId + " failed", e);
    } finally {
      for (BackupReader reader : opened) {
        try {
          reader.close();
        } catch (IOException e) {
          LOG.debug("Closing a reader of backup {}: {}", backupId, e.getMessage());
        }
      }
    }
  }

  private static void rethrowIntegrityFailure(List<BackupReader> opened) {
    for (BackupReader reader : opened) {
      reader
          .failure()
          .ifPresent(failure -> {
            throw failure;
          });
    }
  }

  /** The restore parts of the chain, parent first; manifests and keys are checked here. */
  List<RestorePart> parts(String backupId, List<BackupReader> opened) {
    return chain(backupId).stream().map(backup -> part(backup, opened)).toList();
  }

  private RestorePart part(Backup backup, List<BackupReader> opened) {
    Manifest manifest = Manifest.read(store(), mapper, backup.id());
    byte[] dataKey = keys.unwrap(backup.id(), manifest.wrappedKey());
    manifest.verify(dataKey, mapper);
    ObjectStore store = store();
    return new RestorePart() {
      @Override
      public String backupId() {
        return backup.id();
      }

      @Override
      public Map<String, String> metadata() {
        return manifest.metadata();
      }

      @Override
      public InputStream open() {
        BackupReader reader = new BackupReader(store, manifest, dataKey);
        opened.add(reader);
        return reader;
      }
    };
  }

  public BackupSupport support(Datastore datastore) {
    return datastore
        .backups()
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.NOT_SUPPORTED,
                "Datastore " + datastore.name() + " does not support backups"));
  }
}
