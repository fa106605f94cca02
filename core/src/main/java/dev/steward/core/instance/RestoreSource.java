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
package dev.steward.core.instance;

import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The backups a restoring create reads, as instance creation sees them. The backup package
 * implements it and core's wiring binds it, so that instances never depend on backups (backups are
 * taken of instances, not the other way round).
 *
 * <p>Who calls what: {@link #find} and {@link #mode} run on the request thread before anything is
 * recorded; {@link #hold} inside the transaction that records the restoring instance and its
 * operation; {@link #verify}, {@link #restore} and {@link #adopt} from the restore operation's
 * steps (a worker's virtual thread, repeated after a crash); {@link #release} in the operation's
 * terminal transaction, whether it succeeded or failed.
 */
public interface RestoreSource {
  /**
   * The tenant's backup to restore from: NOT_FOUND when it does not exist, is another tenant's or
   * deleted.
   */
  RestorePoint find(String tenantId, String backupId);

  /**
   * How the backup's strategy restores, after checking that its whole chain can be read now (every
   * backup COMPLETED, the strategy enabled); BACKUP_INCOMPATIBLE otherwise.
   */
  RestoreMode mode(String backupId);

  /**
   * Records {@code operationId} as a reader of every backup of the chain, under their row locks and
   * after checking again that each is COMPLETED (BACKUP_INCOMPATIBLE otherwise, and the whole
   * transaction records nothing). Until {@link #release}, a delete of any of them is refused with
   * CONFLICT. The readers are rows of the store: they survive a crash of the control plane.
   */
  void hold(Handle handle, String backupId, String operationId);

  /** Drops every reader record of {@code operationId}; does nothing when it holds none. */
  void release(Handle handle, String operationId);

  /**
   * Reads and authenticates every chunk of the chain without writing anything (BACKUP_CORRUPT or
   * BACKUP_KEY_INVALID): a logical restore does this before the engine sees a byte.
   */
  void verify(String backupId);

  /**
   * Restores the chain with its strategy into {@code instance} (BACKUP_CORRUPT, …); returns the
   * strategy's notices: what the restore did not carry over from the source (users without their
   * passwords, …), empty when it carried everything.
   */
  List<String> restore(String backupId, InstanceContext instance);

  /**
   * After a physical restore wrote the engine's files: the datastore adopts them ({@code
   * BackupSupport.restored}); NOT_SUPPORTED when it supports no backups.
   */
  void adopt(Datastore datastore, InstanceContext instance);
}
