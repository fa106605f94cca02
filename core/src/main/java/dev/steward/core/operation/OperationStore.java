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
package dev.steward.core.operation;

import static java.util.Objects.requireNonNull;

import dev.steward.core.store.Rows;
import dev.steward.core.store.Store;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Operations and their step history as recorded: the operations' persistence. What a worker writes
 * while it holds an operation goes through {@link OperationLeases}, fenced by its lease.
 */
@Singleton
public final class OperationStore {
  private static final String COLUMNS =
      "id, resource_kind, resource_id, type, state, steps, next_step, attempts, not_before,"
          + " error_code, error_message, created_at, finished_at";
  private static final int MAX_MESSAGE = 3900;

  private final Store store;

  @Inject
  public OperationStore(Store store) {
    this.store = requireNonNull(store, "store is null");
  }

  /** Inserts a new PENDING operation; runs inside the transaction that locks its resource. */
  public void insert(Handle handle, Operation operation, String sealedPayload) {
    handle
        .createUpdate(
            "INSERT INTO operations (id, resource_kind, resource_id, type, state, steps, next_step,"
                + " payload, attempts, not_before, created_at, updated_at) VALUES (:id, :kind,"
                + " :resource, :type, :state, :steps, 0, :payload, 0, :now, :now, :now)")
        .bind("id", operation.id())
        .bind("kind", operation.resource().kind().name())
        .bind("resource", operation.resource().id())
        .bind("type", operation.type())
        .bind("state", operation.state().name())
        .bind("steps", String.join(",", operation.steps()))
        .bind("payload", sealedPayload)
        .bind("now", operation.created().toEpochMilli())
        .execute();
  }

  public List<StepRecord> history(String id) {
    return store.withHandle(handle ->
        Rows.where(
            handle,
            "operation_steps",
            "seq, step, phase, outcome, message, at",
            "operation_id = :id ORDER BY seq",
            "id",
            id,
            (rs, ctx) ->
                new StepRecord(
                    rs.getInt("seq"),
                    rs.getString("step"),
                    StepPhase.valueOf(rs.getString("phase")),
                    StepOutcome.valueOf(rs.getString("outcome")),
                    Rows.text(rs, "message"),
                    Rows.instant(rs, "at"))));
  }

  public Optional<Operation> find(String id) {
    return store.withHandle(
        handle -> Rows.byId(handle, "operations", COLUMNS, id, (rs, ctx) -> map(rs)));
  }

  public String sealedPayload(String id) {
    return store.withHandle(handle ->
        handle
            .createQuery("SELECT payload FROM operations WHERE id = :id")
            .bind("id", id)
            .mapTo(String.class)
            .one());
  }

  /** A resource's operations, newest first. */
  public List<Operation> forResource(OperationResource resource) {
    return store.withHandle(handle ->
        handle
            .createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM operations WHERE resource_kind = :kind AND resource_id = :resource"
                    + " ORDER BY created_at DESC")
            .bind("kind", resource.kind().name())
            .bind("resource", resource.id())
            .map((rs, ctx) -> map(rs))
            .list());
  }

  /** An instance's operations, newest first. */
  public List<Operation> forInstance(String instanceId) {
    return forResource(OperationResource.instance(instanceId));
  }

  /** Cuts a message to what the store keeps. */
  static String truncate(String message) {
    return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
  }

  private static Operation map(ResultSet rs) throws SQLException {
    long finished = rs.getLong("finished_at");
    boolean hasFinished = !rs.wasNull();
    String steps = rs.getString("steps");
    return new Operation(
        rs.getString("id"),
        new OperationResource(
            OperationResource.Kind.valueOf(rs.getString("resource_kind")),
            rs.getString("resource_id")),
        rs.getString("type"),
        OperationState.valueOf(rs.getString("state")),
        steps.isEmpty() ? List.of() : Arrays.asList(steps.split(",")),
        rs.getInt("next_step"),
        rs.getInt("attempts"),
        Instant.ofEpochMilli(rs.getLong("not_before")),
        Rows.text(rs, "error_code"),
        Rows.text(rs, "error_message"),
        Rows.instant(rs, "created_at"),
        hasFinished ? Optional.of(Instant.ofEpochMilli(finished)) : Optional.empty());
  }
}
