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
package dev.steward.core.store;

import static java.util.Objects.requireNonNull;

import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationState;
import dev.steward.core.operation.StepRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Operations and their step history. Every write by a worker is fenced by its lease: a worker that
 * lost its lease (it stalled past the lease duration and another worker took over) changes nothing.
 */
@Singleton
public final class OperationStore {
  private static final String COLUMNS =
      "id, instance_id, type, state, steps, next_step, attempts, not_before, error_code,"
          + " error_message, created_at, finished_at";
  private static final String ACTIVE = "state IN ('PENDING', 'RUNNING', 'COMPENSATING')";

  private final Store store;

  @Inject
  public OperationStore(Store store) {
    this.store = requireNonNull(store, "store is null");
  }

  /** Inserts a new PENDING operation; runs inside the transaction that locks its instance. */
  public void insert(Handle handle, Operation operation, String sealedPayload) {
    handle
        .createUpdate(
            "INSERT INTO operations (id, instance_id, type, state, steps, next_step, payload,"
                + " attempts, not_before, created_at, updated_at) VALUES (:id, :instance, :type,"
                + " :state, :steps, 0, :payload, 0, :now, :now, :now)")
        .bind("id", operation.id())
        .bind("instance", operation.instanceId())
        .bind("type", operation.type())
        .bind("state", operation.state().name())
        .bind("steps", String.join(",", operation.steps()))
        .bind("payload", sealedPayload)
        .bind("now", operation.created().toEpochMilli())
        .execute();
  }

  /**
   * Ids of operations a worker may claim now: active, unleased or lease expired, not backing off.
   */
  public List<String> runnable(Instant now, int limit) {
    return store.withHandle(handle ->
        handle
            .createQuery(
                "SELECT id FROM operations WHERE "
                    + ACTIVE
                    + " AND not_before <= :now AND (lease_owner IS NULL OR lease_expires < :now)"
                    + " ORDER BY created_at LIMIT :limit")
            .bind("now", now.toEpochMilli())
            .bind("limit", limit)
            .mapTo(String.class)
            .list());
  }

  /**
   * Claims an operation for {@code owner} until {@code until} (a PENDING one becomes RUNNING in the
   * same statement); false when someone else has it.
   */
  public boolean claim(String id, String owner, Instant now, Instant until) {
    return store.withHandle(handle ->
        handle
            .createUpdate(
                "UPDATE operations SET lease_owner = :owner, lease_expires = :until,"
                    + " state = CASE WHEN state = 'PENDING' THEN 'RUNNING' ELSE state END,"
                    + " updated_at = :now WHERE id = :id AND "
                    + ACTIVE
                    + " AND not_before <= :now AND (lease_owner IS NULL OR lease_expires <"
                    + " :now)")
            .bind("owner", owner)
            .bind("until", until.toEpochMilli())
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .execute())
        == 1;
  }

  /** Extends the leases {@code owner} holds. */
  public void renew(String owner, Instant until) {
    store.withHandle(handle ->
        handle
            .createUpdate(
                "UPDATE operations SET lease_expires = :until WHERE lease_owner = :owner AND "
                    + ACTIVE)
            .bind("until", until.toEpochMilli())
            .bind("owner", owner)
            .execute());
  }

  /**
   * Extends the leases {@code owner} holds on the operations {@code ids} only: a lease left behind
   * by a worker of this node that failed unexpectedly must expire so that the operation is resumed.
   */
  public void renew(String owner, Collection<String> ids, Instant until) {
    if (ids.isEmpty()) {
      return;
    }
    store.withHandle(handle ->
        handle
            .createUpdate(
                "UPDATE operations SET lease_expires = :until WHERE lease_owner = :owner AND id IN"
                    + " (<ids>) AND "
                    + ACTIVE)
            .bind("until", until.toEpochMilli())
            .bind("owner", owner)
            .bindList("ids", List.copyOf(ids))
            .execute());
  }

  /** Drops every lease {@code owner} holds: used at boot by a node with a stable id. */
  public int releaseLeases(String owner) {
    return store.withHandle(handle ->
        handle
            .createUpdate(
                "UPDATE operations SET lease_owner = NULL, lease_expires = NULL WHERE"
                    + " lease_owner = :owner")
            .bind("owner", owner)
            .execute());
  }

  /** Records progress: new state, next step and attempts. False when the lease was lost. */
  public boolean advance(
      Handle handle,
      String id,
      String owner,
      OperationState state,
      int nextStep,
      int attempts,
      Instant now) {
    return handle
            .createUpdate(
                "UPDATE operations SET state = :state, next_step = :next, attempts = :attempts,"
                    + " updated_at = :now WHERE id = :id AND lease_owner = :owner")
            .bind("state", state.name())
            .bind("next", nextStep)
            .bind("attempts", attempts)
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .bind("owner", owner)
            .execute()
        == 1;
  }

  /** Records the error that made the operation compensate. */
  public void recordError(Handle handle, String id, String code, String message) {
    handle
        .createUpdate(
            "UPDATE operations SET error_code = :code, error_message = :message WHERE id = :id")
        .bind("code", code)
        .bind("message", truncate(message))
        .bind("id", id)
        .execute();
  }

  /** Backs off after a retryable failure: releases the lease until {@code notBefore}. */
  public void backOff(String id, String owner, int attempts, Instant notBefore, Instant now) {
    store.withHandle(handle ->
        handle
            .createUpdate(
                "UPDATE operations SET attempts = :attempts, not_before = :notBefore,"
                    + " lease_owner = NULL, lease_expires = NULL, updated_at = :now WHERE id ="
                    + " :id AND lease_owner = :owner")
            .bind("attempts", attempts)
            .bind("notBefore", notBefore.toEpochMilli())
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .bind("owner", owner)
            .execute());
  }

  /** Ends the operation (SUCCEEDED or FAILED) and drops its lease. */
  public boolean finish(Handle handle, String id, String owner, OperationState state, Instant now) {
    return handle
            .createUpdate(
                "UPDATE operations SET state = :state, finished_at = :now, updated_at = :now,"
                    + " lease_owner = NULL, lease_expires = NULL WHERE id = :id AND lease_owner ="
                    + " :owner")
            .bind("state", state.name())
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .bind("owner", owner)
            .execute()
        == 1;
  }

  public void recordStep(
      String id, String step, String phase, String outcome, Optional<String> message, Instant now) {
    store.withHandle(handle -> recordStep(handle, id, step, phase, outcome, message, now));
  }

  /** Records a step event inside the caller's transaction. */
  public int recordStep(
      Handle handle,
      String id,
      String step,
      String phase,
      String outcome,
      Optional<String> message,
      Instant now) {
    return handle
        .createUpdate(
            "INSERT INTO operation_steps (operation_id, seq, step, phase, outcome, message,"
                + " at) VALUES (:id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM operation_steps"
                + " WHERE operation_id = :id), :step, :phase, :outcome, :message, :now)")
        .bind("id", id)
        .bind("step", step)
        .bind("phase", phase)
        .bind("outcome", outcome)
        .bind("message", message.map(OperationStore::truncate).orElse(null))
        .bind("now", now.toEpochMilli())
        .execute();
  }

  public List<StepRecord> history(String id) {
    return store.withHandle(handle ->
        handle
            .createQuery(
                "SELECT seq, step, phase, outcome, message, at FROM operation_steps WHERE"
                    + " operation_id = :id ORDER BY seq")
            .bind("id", id)
            .map((rs, ctx) ->
                new StepRecord(
                    rs.getInt("seq"),
                    rs.getString("step"),
                    rs.getString("phase"),
                    rs.getString("outcome"),
                    Optional.ofNullable(rs.getString("message")),
                    Instant.ofEpochMilli(rs.getLong("at"))))
            .list());
  }

  public Optional<Operation> find(String id) {
    return store.withHandle(handle -> find(handle, id));
  }

  public Optional<Operation> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM operations WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  public String sealedPayload(String id) {
    return store.withHandle(handle ->
        handle
            .createQuery("SELECT payload FROM operations WHERE id = :id")
            .bind("id", id)
            .mapTo(String.class)
            .one());
  }

  /** An instance's operations, newest first. */
  public List<Operation> forInstance(String instanceId) {
    return store.withHandle(handle ->
        handle
            .createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM operations WHERE instance_id = :instance ORDER BY created_at DESC")
            .bind("instance", instanceId)
            .map((rs, ctx) -> map(rs))
            .list());
  }

  private static String truncate(String message) {
    return message.length() > 3900 ? message.substring(0, 3900) : message;
  }

  private static Operation map(ResultSet rs) throws SQLException {
    long finished = rs.getLong("finished_at");
    boolean hasFinished = !rs.wasNull();
    String steps = rs.getString("steps");
    return new Operation(
        rs.getString("id"),
        rs.getString("instance_id"),
        rs.getString("type"),
        OperationState.valueOf(rs.getString("state")),
        steps.isEmpty() ? List.of() : Arrays.asList(steps.split(",")),
        rs.getInt("next_step"),
        rs.getInt("attempts"),
        Instant.ofEpochMilli(rs.getLong("not_before")),
        Optional.ofNullable(rs.getString("error_code")),
        Optional.ofNullable(rs.getString("error_message")),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        hasFinished ? Optional.of(Instant.ofEpochMilli(finished)) : Optional.empty());
  }
}
