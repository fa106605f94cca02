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

import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.operation.OperationResource;
import dev.steward.core.store.Store;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Admits backup deletes: a backup goes with its descendants, all taken for the delete operation in
 * one transaction or none.
 */
@Singleton
public final class BackupDeletion {
  private final Store store;
  private final BackupStore backups;
  private final BackupStateMachine states;
  private final OperationEngine engine;

  @Inject
  public BackupDeletion(
      Store store, BackupStore backups, BackupStateMachine states, OperationEngine engine) {
    this.store = requireNonNull(store, "store is null");
    this.backups = requireNonNull(backups, "backups is null");
    this.states = requireNonNull(states, "states is null");
    this.engine = requireNonNull(engine, "engine is null");
  }

  /**
   * Records the deletion of a COMPLETED, FAILED or DELETE_FAILED backup together with every backup
   * built on it (Trove deletes the chain). CONFLICT when any of them is busy or read by a running
   * restore, INVALID_STATE when one cannot be deleted in its state; nothing is recorded then.
   */
  public Operation delete(String tenantId, String backupId) {
    Backup root = backups.visible(tenantId, backupId);
    Operation operation =
        engine.newOperation(OperationResource.backup(root.id()), BackupPlans.DELETE);
    store.inTransaction(handle -> {
      // The root's row lock first: an incremental create on it waits, or is seen by collect.
      backups.findForUpdate(handle, root.id()).orElseThrow(() -> Backups.notFound(root.id()));
      List<String> chain = new ArrayList<>();
      collect(handle, root.id(), chain);
      for (String id : chain) {
        states.deleting(handle, id, operation.id());
      }
      engine.insert(handle, operation, new BackupPlans.Delete(chain));
      return null;
    });
    engine.wake();
    return operation;
  }

  /** Descendants first (depth first), then the backup itself. */
  private void collect(Handle handle, String backupId, List<String> into) {
    for (Backup child : backups.children(handle, backupId)) {
      collect(handle, child.id(), into);
    }
    into.add(backupId);
  }
}
