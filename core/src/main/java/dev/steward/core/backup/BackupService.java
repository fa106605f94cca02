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

import dev.steward.core.instance.WarmPool;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Backups of a tenant: create (full or incremental), show, list, delete (with its descendants),
 * await. The library's entry point ({@code Steward.backups()}); creates are admitted by {@link
 * BackupAdmission}, deletes by {@link BackupDeletion}. Restores are instance creates with a restore
 * point.
 */
@Singleton
public final class BackupService {
  private static final int MAX_PAGE = 1000;

  private final BackupAdmission admission;
  private final BackupDeletion deletion;
  private final BackupStore backups;
  private final OperationEngine engine;
  private final Clock clock;

  @Inject
  public BackupService(
      BackupAdmission admission,
      BackupDeletion deletion,
      BackupStore backups,
      OperationEngine engine,
      Clock clock) {
    this.admission = requireNonNull(admission, "admission is null");
    this.deletion = requireNonNull(deletion, "deletion is null");
    this.backups = requireNonNull(backups, "backups is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Records a backup of the tenant's ACTIVE instance with the strategy configured for its datastore
   * version; with {@code parentId}, an incremental backup on top of that COMPLETED backup of the
   * same instance (the strategy must support increments).
   *
   * @throws StewardException INVALID_ARGUMENT, NOT_FOUND, NOT_SUPPORTED, BACKUP_INCOMPATIBLE,
   *     QUOTA_EXCEEDED, CONFLICT or INVALID_STATE; nothing is recorded then
   */
  public Backup create(
      String tenantId,
      String instanceId,
      String name,
      Optional<String> description,
      Optional<String> parentId) {
    return admission.create(tenantId, instanceId, name, description, parentId);
  }

  /** The tenant's backup, or NOT_FOUND (also another tenant's or a deleted one). */
  public Backup get(String tenantId, String backupId) {
    return backups.visible(tenantId, backupId);
  }

  /** A page of the tenant's backups, optionally of one instance, oldest first, after a marker. */
  public List<Backup> list(
      String tenantId, Optional<String> instanceId, int limit, Optional<String> marker) {
    if (limit < 1) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "limit must be positive");
    }
    if (WarmPool.TENANT.equals(tenantId)) {
      return List.of();
    }
    return backups.list(tenantId, instanceId, Math.min(limit, MAX_PAGE), marker);
  }

  /**
   * Records the deletion of a COMPLETED, FAILED or DELETE_FAILED backup together with every backup
   * built on it (Trove deletes the chain). CONFLICT when any of them is busy or read by a running
   * restore.
   */
  public Operation delete(String tenantId, String backupId) {
    return deletion.delete(tenantId, backupId);
  }

  /** Waits until the backup has no operation and is in one of {@code states}; TIMEOUT otherwise. */
  public Backup await(String tenantId, String backupId, Set<BackupState> states, Duration timeout) {
    WarmPool.requireTenant(tenantId);
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Backup backup =
          backups
              .find(backupId)
              .filter(found -> found.tenantId().equals(tenantId))
              .orElseThrow(() -> Backups.notFound(backupId));
      if (backup.activeOperation().isEmpty()) {
        if (states.contains(backup.state())) {
          return backup;
        }
        if (backup.state() == BackupState.FAILED || backup.state() == BackupState.DELETED) {
          throw new StewardException(
              StandardErrorCode.INVALID_STATE,
              "Backup "
                  + backupId
                  + " ended "
                  + backup.state()
                  + backup.fault().map(fault -> ": " + fault.message()).orElse(""));
        }
      }
      if (clock.instant().isAfter(deadline)) {
        throw new StewardException(
            StandardErrorCode.TIMEOUT,
            "Backup " + backupId + " is " + backup.state() + " after " + timeout);
      }
      engine.awaitChange(Duration.ofMillis(100));
      if (Thread.currentThread().isInterrupted()) {
        throw new StewardException(StandardErrorCode.TIMEOUT, "Interrupted while waiting");
      }
    }
  }
}
