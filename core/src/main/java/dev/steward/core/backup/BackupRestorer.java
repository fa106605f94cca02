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

import dev.steward.core.instance.RestorePoint;
import dev.steward.core.instance.RestoreSource;
import dev.steward.core.plugin.Plugins;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.ObjectStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads backups back for restores (core binds it as the instances' {@link RestoreSource}): the
 * chain parent first, each part through a {@link BackupReader} that authenticates every chunk, the
 * manifests and keys checked before a byte is handed out. While a restore runs, the backups it
 * reads are held (see {@link BackupStateMachine#hold}).
 */
@Singleton
public final class BackupRestorer implements RestoreSource {
  private static final Logger LOG = LoggerFactory.getLogger(BackupRestorer.class);

  private final BackupStore backups;
  private final BackupStateMachine states;
  private final BackupObjects objects;
  private final Plugins plugins;

  @Inject
  public BackupRestorer(
      BackupStore backups, BackupStateMachine states, BackupObjects objects, Plugins plugins) {
    this.backups = requireNonNull(backups, "backups is null");
    this.states = requireNonNull(states, "states is null");
    this.objects = requireNonNull(objects, "objects is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
  }

  @Override
  public RestorePoint find(String tenantId, String backupId) {
    Backup backup =
        backups
            .find(backupId)
            .filter(found -> found.tenantId().equals(tenantId))
            .filter(found -> found.state() != BackupState.DELETED)
            .orElseThrow(() -> Backups.notFound(backupId));
    return new RestorePoint(
        backup.id(),
        backup.datastore(),
        backup.datastoreVersion(),
        backups.sealedAdminSecret(backup.id()));
  }

  @Override
  public RestoreMode mode(String backupId) {
    Backup backup = chain(backupId).getLast();
    return plugins.strategy(backup.strategy()).restoreMode();
  }

  @Override
  public void hold(Handle handle, String backupId, String operationId) {
    Optional<String> next = Optional.of(backupId);
    while (next.isPresent()) {
      next = states.hold(handle, next.get(), operationId).parentId();
    }
  }

  @Override
  public void release(Handle handle, String operationId) {
    states.release(handle, operationId);
  }

  /** The backups to apply for {@code backupId}, parent first (one for a full backup). */
  List<Backup> chain(String backupId) {
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
  @Override
  public void verify(String backupId) {
    for (RestorePart part : parts(backupId, new ArrayList<>())) {
      try (BackupReader reader = (BackupReader) part.open()) {
        long bytes = reader.drainRest();
        LOG.info("Backup {} verified: {} compressed bytes", part.backupId(), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Restores the chain of {@code backupId} with its strategy into {@code instance}. Whatever the
   * strategy makes of a failure, an integrity failure of any chunk read is what this throws
   * (BACKUP_CORRUPT), also when the strategy swallowed it. Returns the strategy's notices ({@code
   * BackupStrategy.restoreNotices}).
   */
  @Override
  public List<String> restore(String backupId, InstanceContext instance) {
    Backup backup = backups.find(backupId).orElseThrow(() -> Backups.notFound(backupId));
    BackupStrategy strategy = plugins.strategy(backup.strategy());
    BackupSupport support = BackupPipeline.support(plugins.datastore(backup.datastore()));
    List<BackupReader> opened = new CopyOnWriteArrayList<>();
    List<RestorePart> parts = parts(backupId, opened);
    try {
      try {
        strategy.restore(new RestoreRequest(instance, support.tools(instance), parts));
      } catch (RuntimeException e) {
        rethrowIntegrityFailure(opened);
        throw e;
      }
      rethrowIntegrityFailure(opened);
      drainEveryPart(strategy, parts, opened);
      rethrowIntegrityFailure(opened);
      return strategy.restoreNotices(parts);
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

  @Override
  public void adopt(Datastore datastore, InstanceContext instance) {
    BackupPipeline.support(datastore).restored(instance);
  }

  /**
   * Every part must have been read, and to its end: the engine starts only on a chain whose every
   * chunk was authenticated (a tool may stop before trailing padding).
   */
  private static void drainEveryPart(
      BackupStrategy strategy, List<RestorePart> parts, List<BackupReader> opened)
      throws IOException {
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
  private List<RestorePart> parts(String backupId, List<BackupReader> opened) {
    return chain(backupId).stream().map(backup -> part(backup, opened)).toList();
  }

  private RestorePart part(Backup backup, List<BackupReader> opened) {
    Manifest manifest = objects.manifest(backup.id());
    byte[] dataKey = objects.dataKey(backup.id(), manifest);
    objects.verify(manifest, dataKey);
    ObjectStore store = objects.store();
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
}
