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
import dev.steward.core.store.StateUpdate;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Backups in the store. States change by compare-and-set along {@link BackupState}'s table; a
 * backup's own lock ({@code active_operation}) guards its deletion.
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

  void insert(Handle handle, Backup backup, String sealedAdminSecret) {
    handle
        .createUpdate(
            "INSERT INTO backups (id, tenant_id, instance_id, name, description, datastore,"
                + " datastore_version, strategy, parent_id, state, admin_secret, stream_bytes,"
                + " active_operation, created_at, updated_at) VALUES (:id, :tenant, :instance,"
                + " :name, :description, :datastore, :version, :strategy, :parent, :state,"
                + " :secret, 0, :operation, :now, :now)")
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
        .bind("secret", sealedAdminSecret)
        .bind("operation", backup.activeOperation().orElse(null))
        .bind("now", backup.created().toEpochMilli())
        .execute();
  }

  /** Moves along the table (compare-and-set); repeating a reached state is a no-op. */
  void transition(
      Handle handle, String backupId, BackupState to, Optional<Fault> fault, Instant now) {
    Backup current = find(handle, backupId).orElseThrow(() -> Backups.notFound(backupId));
    if (current.state() == to && to != BackupState.BUILDING) {
      return;
    }
    if (!current.state().canBecome(to)) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          "Backup " + backupId + " cannot go from " + current.state() + " to " + to);
    }
    StateUpdate.compareAndSet(
        handle,
        "backups",
        "Backup",
        backupId,
        current.state().name(),
        to.name(),
        fault,
        to == BackupState.DELETED,
        now);
  }

  void transition(String backupId, BackupState to, Instant now) {
    store.inTransaction(handle -> {
      transition(handle, backupId, to, Optional.empty(), now);
      return null;
    });
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
      throw new StewardException(
          StandardErrorCode.CONFLICT,
          "Backup " + backupId + " is busy with another operation; try again when it is done");
    }
  }

  void unlock(Handle handle, String backupId, String operationId, Instant now) {
    handle
        .createUpdate(
            "UPDATE backups SET active_operation = NULL, updated_at = :now WHERE id = :id AND"
                + " active_operation = :operation")
        .bind("now", now.toEpochMilli())
        .bind("id", backupId)
        .bind("operation", operationId)
        .execute();
  }

  void progress(String backupId, long streamBytes, Instant now) {
    store.withHandle(handle ->
        handle
            .createUpdate(
                "UPDATE backups SET stream_bytes = :bytes, updated_at = :now WHERE id = :id")
            .bind("bytes", streamBytes)
            .bind("now", now.toEpochMilli())
            .bind("id", backupId)
            .execute());
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

  public Optional<Backup> find(String backupId) {
    return store.withHandle(handle -> find(handle, backupId));
  }

  Optional<Backup> find(Handle handle, String backupId) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM backups WHERE id = :id")
        .bind("id", backupId)
        .map((rs, ctx) -> map(rs))
        .findOne();
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
    return store.withHandle(handle ->
        handle
            .createQuery("SELECT admin_secret FROM backups WHERE id = :id")
            .bind("id", backupId)
            .mapTo(String.class)
            .findOne()
            .orElseThrow(() -> Backups.notFound(backupId)));
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
    return handle
        .createQuery(
            "SELECT " + COLUMNS + " FROM backups WHERE parent_id = :id AND state <> 'DELETED'")
        .bind("id", backupId)
        .map((rs, ctx) -> map(rs))
        .list();
  }

  private static Backup map(ResultSet rs) throws SQLException {
    String faultCode = rs.getString("fault_code");
    Optional<Fault> fault =
        faultCode == null
            ? Optional.empty()
            : Optional.of(
                new Fault(
                    faultCode,
                    rs.getString("fault_message"),
                    Instant.ofEpochMilli(rs.getLong("fault_at"))));
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
        fault,
        Optional.ofNullable(rs.getString("active_operation")),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
