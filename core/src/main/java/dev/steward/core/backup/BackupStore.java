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
import dev.steward.core.model.Fault;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Rows;
import dev.steward.core.store.StateUpdate;
import dev.steward.core.store.Store;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Backups in the store: reads, and the raw writes that {@link BackupStateMachine} (their one
 * caller) orders. A backup's own lock ({@code active_operation}) guards its deletion; restores
 * reading it are rows of {@code backup_readers}.
 */
@Singleton
public final class BackupStore {
  private static final String COLUMNS =
      "id, tenant_id, instance_id, name, description, datastore, datastore_version, strategy,"
          + " parent_id, state, stream_bytes, stored_bytes, estimated_bytes, fault_code,"
          + " fault_message, fault_at, active_operation, created_at, updated_at";

  private final Store store;

  @Inject
  public BackupStore(Store store) {
    this.store = requireNonNull(store, "store is null");
  }

  /**
   * Inserts a new backup; its admin secret is copied from its instance's row inside the store, so
   * it never passes through here. NOT_FOUND when the instance does not exist.
   */
  void insert(Handle handle, Backup backup) {
    int inserted =
        handle
            .createUpdate(
                "INSERT INTO backups (id, tenant_id, instance_id, name, description, datastore,"
                    + " datastore_version, strategy, parent_id, state, admin_secret, stream_bytes,"
                    + " active_operation, created_at, updated_at) SELECT :id, :tenant, :instance,"
                    + " :name, :description, :datastore, :version, :strategy, :parent, :state,"
                    + " admin_secret, 0, :operation, :now, :now FROM instances WHERE id ="
                    + " :instance")
            .bind("id", backup.id())
            .bind("tenant", backup.tenantId())
            .bind("instance", backup.instanceId())
            .bind("name", backup.name())
            .bind("description", backup.description().orElse(null))
            .bind("datastore", backup.datastore())
            .bind("version", backup.datastoreVersion())
            .bind("strategy", backup.strategy())
            .bind("parent", backup.parentId().orElse(null))
            .bind("state", backup.state().name())
            .bind("operation", backup.activeOperation().orElse(null))
            .bind("now", backup.created().toEpochMilli())
            .execute();
    if (inserted != 1) {
      throw InstanceStore.notFound(backup.instanceId());
    }
  }

  /** Compare-and-set of the state column; CONFLICT when the row is no longer in {@code from}. */
  void compareAndSet(
      Handle handle,
      String backupId,
      BackupState from,
      BackupState to,
      Optional<Fault> fault,
      Instant now) {
    StateUpdate.compareAndSet(
        handle,
        "backups",
        "Backup",
        backupId,
        from.name(),
        to.name(),
        fault,
        to == BackupState.DELETED,
        now);
  }

  /** Takes the backup's lock for {@code operationId}; CONFLICT when another operation holds it. */
  void lock(Handle handle, String backupId, String operationId, Instant now) {
    int updated =
        handle
            .createUpdate(
                "UPDATE backups SET active_operation = :operation, updated_at = :now WHERE id ="
                    + " :id AND active_operation IS NULL")
            .bind("operation", operationId)
            .bind("now", now.toEpochMilli())
            .bind("id", backupId)
            .execute();
    if (updated != 1) {
      throw Rows.busy("Backup", backupId);
    }
  }

  void unlock(Handle handle, String backupId, String operationId, Instant now) {
    Rows.unlock(handle, "backups", backupId, operationId, now);
  }

  void progress(String backupId, long streamBytes, Instant now) {
    store.withHandle(handle -> {
      Rows.set(handle, "backups", "stream_bytes", streamBytes, backupId, now);
      return null;
    });
  }

  void sizes(
      String backupId, long streamBytes, Long storedBytes, Long estimatedBytes, Instant now) {
    store.withHandle(handle ->
        handle
            .createUpdate(
                "UPDATE backups SET stream_bytes = :stream, stored_bytes = :stored,"
                    + " estimated_bytes = :estimated, updated_at = :now WHERE id = :id")
            .bind("stream", streamBytes)
            .bind("stored", storedBytes)
            .bind("estimated", estimatedBytes)
            .bind("now", now.toEpochMilli())
            .bind("id", backupId)
            .execute());
  }

  /** Records {@code operationId} as a restore reading the backup; idempotent. */
  void addReader(Handle handle, String backupId, String operationId, Instant now) {
    if (readers(handle, backupId).contains(operationId)) {
      return;
    }
    handle
        .createUpdate(
            "INSERT INTO backup_readers (backup_id, operation_id, created_at) VALUES (:backup,"
                + " :operation, :now)")
        .bind("backup", backupId)
        .bind("operation", operationId)
        .bind("now", now.toEpochMilli())
        .execute();
  }

  /** Drops every reader record of {@code operationId}. */
  void removeReaders(Handle handle, String operationId) {
    handle
        .createUpdate("DELETE FROM backup_readers WHERE operation_id = :operation")
        .bind("operation", operationId)
        .execute();
  }

  /** The operations (restores) reading the backup now, oldest first. */
  List<String> readers(Handle handle, String backupId) {
    return handle
        .createQuery(
            "SELECT operation_id FROM backup_readers WHERE backup_id = :backup ORDER BY"
                + " created_at, operation_id")
        .bind("backup", backupId)
        .mapTo(String.class)
        .list();
  }

  /**
   * The tenant's backup, or NOT_FOUND (also another tenant's, the warm pool's or a deleted one).
   */
  Backup visible(String tenantId, String backupId) {
    return find(backupId)
        .filter(backup -> backup.tenantId().equals(tenantId))
        .filter(backup -> !WarmPool.TENANT.equals(tenantId))
        .filter(backup -> backup.state() != BackupState.DELETED)
        .orElseThrow(() -> Backups.notFound(backupId));
  }

  public Optional<Backup> find(String backupId) {
    return store.withHandle(handle -> find(handle, backupId));
  }

  Optional<Backup> find(Handle handle, String backupId) {
    return Rows.byId(handle, "backups", COLUMNS, backupId, (rs, ctx) -> map(rs));
  }

  /** The backup with its row locked until the transaction ends ({@code SELECT … FOR UPDATE}). */
  Optional<Backup> findForUpdate(Handle handle, String backupId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM backups WHERE id = :id FOR UPDATE")
        .bind("id", backupId)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /** The admin secret of the backed-up instance (sealed), given to instances restored from it. */
  public String sealedAdminSecret(String backupId) {
    return store
        .withHandle(handle -> Rows.sealedAdminSecret(handle, "backups", backupId))
        .orElseThrow(() -> Backups.notFound(backupId));
  }

  /** A tenant's backups (not deleted), oldest first, optionally of one instance. */
  List<Backup> list(
      String tenantId, Optional<String> instanceId, int limit, Optional<String> marker) {
    return store.withHandle(handle -> {
      String where = "tenant_id = :tenant AND state <> 'DELETED'";
      if (instanceId.isPresent()) {
        where += " AND instance_id = :instance";
      }
      if (marker.isPresent()) {
        where +=
            " AND (created_at > (SELECT created_at FROM backups WHERE id = :marker)"
                + " OR (created_at = (SELECT created_at FROM backups WHERE id = :marker)"
                + " AND id > :marker))";
      }
      return handle
          .createQuery(
              "SELECT "
                  + COLUMNS
                  + " FROM backups WHERE "
                  + where
                  + " ORDER BY created_at, id LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("instance", instanceId.orElse(null))
          .bind("marker", marker.orElse(null))
          .bind("limit", limit)
          .map((rs, ctx) -> map(rs))
          .list();
    });
  }

  /** Backups (not deleted) whose parent is {@code backupId}. */
  List<Backup> children(Handle handle, String backupId) {
    return Rows.where(
        handle,
        "backups",
        COLUMNS,
        "parent_id = :id AND state <> 'DELETED'",
        "id",
        backupId,
        (rs, ctx) -> map(rs));
  }

  private static Backup map(ResultSet rs) throws SQLException {
    return new Backup(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("instance_id"),
        rs.getString("name"),
        Optional.ofNullable(rs.getString("description")),
        rs.getString("datastore"),
        rs.getString("datastore_version"),
        rs.getString("strategy"),
        Optional.ofNullable(rs.getString("parent_id")),
        BackupState.valueOf(rs.getString("state")),
        rs.getLong("stream_bytes"),
        Optional.ofNullable((Long) rs.getObject("stored_bytes", Long.class)),
        Optional.ofNullable((Long) rs.getObject("estimated_bytes", Long.class)),
        Rows.fault(rs),
        Rows.text(rs, "active_operation"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
