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

import dev.steward.core.model.Fault;
import dev.steward.core.store.Rows;
import dev.steward.core.store.StateUpdate;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The one writer of backups' rows: every state change along {@link BackupState}'s table
 * (compare-and-set in the store; repeating a reached state is a no-op, so steps stay idempotent), a
 * backup's operation lock, the restores reading it, and its progress counters. Methods taking a
 * {@link Handle} run inside the caller's transaction; the others commit on their own.
 */
@Singleton
public final class BackupStateMachine {
  private final Store store;
  private final BackupStore backups;
  private final Clock clock;

  @Inject
  public BackupStateMachine(Store store, BackupStore backups, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.backups = requireNonNull(backups, "backups is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Records a NEW backup held by its create operation ({@code activeOperation}). */
  void created(Handle handle, Backup backup) {
    if (backup.state() != BackupState.NEW || backup.activeOperation().isEmpty()) {
      throw new IllegalArgumentException("a backup is recorded NEW, held by its operation");
    }
    backups.insert(handle, backup);
  }

  /** The tool streams: NEW, SAVING (a repeated step) or BUILDING → BUILDING. */
  void building(String backupId) {
    inTransaction(handle -> move(handle, backupId, BackupState.BUILDING, Optional.empty()));
  }

  /** The stream ended; the manifest is being written. */
  void saving(String backupId) {
    inTransaction(handle -> move(handle, backupId, BackupState.SAVING, Optional.empty()));
  }

  /** The manifest is durable: COMPLETED, and the create operation's lock is released. */
  void completed(Handle handle, String backupId, String operationId) {
    release(handle, backupId, BackupState.COMPLETED, Optional.empty(), operationId);
  }

  /** The create failed (its objects were removed): FAILED with its fault, lock released. */
  void failed(Handle handle, String backupId, String operationId, Fault fault) {
    release(handle, backupId, BackupState.FAILED, Optional.of(fault), operationId);
  }

  /**
   * Takes the backup for its delete operation: CONFLICT when another operation holds it or a
   * restore reads it, INVALID_STATE when its state cannot become DELETING; else locked and
   * DELETING.
   */
  void deleting(Handle handle, String backupId, String operationId) {
    Backup backup = backups.find(handle, backupId).orElseThrow(() -> Backups.notFound(backupId));
    if (backup.activeOperation().isPresent()) {
      throw Rows.busy("Backup", backupId);
    }
    List<String> readers = backups.readers(handle, backupId);
    if (!readers.isEmpty()) {
      throw new StewardException(
          StandardErrorCode.CONFLICT,
          "Backup "
              + backupId
              + " is being read by a restore (operation "
              + readers.getFirst()
              + "); try again when it is done");
    }
    if (!backup.state().canBecome(BackupState.DELETING)) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          "Backup " + backupId + " cannot be deleted while it is " + backup.state());
    }
    backups.lock(handle, backupId, operationId, clock.instant());
    move(handle, backupId, BackupState.DELETING, Optional.empty());
  }

  /** Its objects are removed: DELETED (terminal), lock released. */
  void deleted(Handle handle, String backupId, String operationId) {
    release(handle, backupId, BackupState.DELETED, Optional.empty(), operationId);
  }

  /** Removing its objects failed: DELETE_FAILED with the fault, lock released. */
  void deleteFailed(Handle handle, String backupId, String operationId, Fault fault) {
    release(handle, backupId, BackupState.DELETE_FAILED, Optional.of(fault), operationId);
  }

  /** Moves the backup to {@code to} and releases the lock {@code operationId} holds. */
  private void release(
      Handle handle, String backupId, BackupState to, Optional<Fault> fault, String operationId) {
    move(handle, backupId, to, fault);
    backups.unlock(handle, backupId, operationId, clock.instant());
  }

  /**
   * Records a restore ({@code operationId}) as a reader of the backup under its row lock, after
   * checking it is COMPLETED (BACKUP_INCOMPATIBLE otherwise): a concurrent delete either committed
   * first (refused here) or waits for this transaction and then sees the reader. Returns the held
   * backup.
   */
  Backup hold(Handle handle, String backupId, String operationId) {
    Backup backup =
        backups.findForUpdate(handle, backupId).orElseThrow(() -> Backups.notFound(backupId));
    if (backup.state() != BackupState.COMPLETED) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          "Backup " + backupId + " is " + backup.state() + ", not COMPLETED");
    }
    backups.addReader(handle, backupId, operationId, clock.instant());
    return backup;
  }

  /** The restore {@code operationId} ended: it reads no backup any more. */
  void release(Handle handle, String operationId) {
    backups.removeReaders(handle, operationId);
  }

  /** Bytes the tool streamed so far (progress while BUILDING). */
  void progress(String backupId, long streamBytes) {
    backups.progress(backupId, streamBytes, clock.instant());
  }

  /** The stream's and the stored sizes, and the strategy's estimate when it gave one. */
  void sizes(String backupId, long streamBytes, Long storedBytes, Long estimatedBytes) {
    backups.sizes(backupId, streamBytes, storedBytes, estimatedBytes, clock.instant());
  }

  private void move(Handle handle, String backupId, BackupState to, Optional<Fault> fault) {
    Backup current = backups.find(handle, backupId).orElseThrow(() -> Backups.notFound(backupId));
    if (current.state() == to && to != BackupState.BUILDING) {
      return;
    }
    StateUpdate.requireTransition(
        "Backup", backupId, current.state(), to, current.state().canBecome(to));
    backups.compareAndSet(handle, backupId, current.state(), to, fault, clock.instant());
  }

  private void inTransaction(Consumer<Handle> work) {
    store.inTransaction(handle -> {
      work.accept(handle);
      return null;
    });
  }
}
