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

import dev.steward.core.store.Store;
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
 * Operations and their step history: the operations' persistence. Every write by a worker is fenced
 * by its lease: a worker that lost its lease (it stalled past the lease duration and another worker
 * took over) changes nothing, and each fenced write says whether it happened.
 */
@Singleton
public final class OperationStore {
  private static final String COLUMNS =
      "id, resource_kind, resource_id, type, state, steps, next_step, attempts, not_before,"
          + " error_code, error_message, created_at, finished_at";
  private static final String ACTIVE = "state IN ('PENDING', 'RUNNING', 'COMPENSATING')";
  private static final String FENCE = " WHERE id = :id AND lease_owner = :owner";
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

  /** Drops every lease {@code owner} holds: at boot by a node with a stable id, and at shutdown. */
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
                    + " updated_at = :now"
                    + FENCE)
            .bind("state", state.name())
            .bind("next", nextStep)
            .bind("attempts", attempts)
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .bind("owner", owner)
            .execute()
        == 1;
  }

  /**
   * Starts compensating from step {@code nextStep} and records the error that made the operation
   * fail. False when the lease was lost.
   */
  public boolean compensate(
      Handle handle,
      String id,
      String owner,
      int nextStep,
      String errorCode,
      String errorMessage,
      Instant now) {
    return handle
            .createUpdate(
                "UPDATE operations SET state = 'COMPENSATING', next_step = :next, attempts = 0,"
                    + " error_code = :code, error_message = :message, updated_at = :now"
                    + FENCE)
            .bind("next", nextStep)
            .bind("code", errorCode)
            .bind("message", truncate(errorMessage))
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .bind("owner", owner)
            .execute()
        == 1;
  }

  /**
   * Backs off after a retryable failure: counts the attempt and releases the lease until {@code
   * notBefore}. False when the lease was lost.
   */
  public boolean backOff(String id, String owner, int attempts, Instant notBefore, Instant now) {
    return store.withHandle(handle ->
        handle
            .createUpdate(
                "UPDATE operations SET attempts = :attempts, not_before = :notBefore,"
                    + " lease_owner = NULL, lease_expires = NULL, updated_at = :now"
                    + FENCE)
            .bind("attempts", attempts)
            .bind("notBefore", notBefore.toEpochMilli())
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .bind("owner", owner)
            .execute())
        == 1;
  }

  /** Ends the operation (SUCCEEDED or FAILED) and drops its lease. False when it was lost. */
  public boolean finish(Handle handle, String id, String owner, OperationState state, Instant now) {
    return handle
            .createUpdate(
                "UPDATE operations SET state = :state, finished_at = :now, updated_at = :now,"
                    + " lease_owner = NULL, lease_expires = NULL"
                    + FENCE)
            .bind("state", state.name())
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .bind("owner", owner)
            .execute()
        == 1;
  }

  /**
   * Records a step event in its own transaction; false (nothing recorded) when the lease was lost.
   */
  public boolean recordStep(
      String id,
      String owner,
      String step,
      StepPhase phase,
      StepOutcome outcome,
      Optional<String> message,
      Instant now) {
    return store.withHandle(
        handle -> recordStep(handle, id, owner, step, phase, outcome, message, now));
  }

  /** Records a step event inside the caller's transaction; false when the lease was lost. */
  public boolean recordStep(
      Handle handle,
      String id,
      String owner,
      String step,
      StepPhase phase,
      StepOutcome outcome,
      Optional<String> message,
      Instant now) {
    return handle
            .createUpdate(
                "INSERT INTO operation_steps (operation_id, seq, step, phase, outcome, message, at)"
                    + " SELECT id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM operation_steps WHERE"
                    + " operation_id = :id), :step, :phase, :outcome, :message, :now FROM"
                    + " operations"
                    + FENCE)
            .bind("id", id)
            .bind("owner", owner)
            .bind("step", step)
            .bind("phase", phase.name())
            .bind("outcome", outcome.name())
            .bind("message", message.map(OperationStore::truncate).orElse(null))
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
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
                    StepPhase.valueOf(rs.getString("phase")),
                    StepOutcome.valueOf(rs.getString("outcome")),
                    Optional.ofNullable(rs.getString("message")),
                    Instant.ofEpochMilli(rs.getLong("at"))))
            .list());
  }

  public Optional<Operation> find(String id) {
    return store.withHandle(handle ->
        handle
            .createQuery("SELECT " + COLUMNS + " FROM operations WHERE id = :id")
            .bind("id", id)
            .map((rs, ctx) -> map(rs))
            .findOne());
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

  private static String truncate(String message) {
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
        Optional.ofNullable(rs.getString("error_code")),
        Optional.ofNullable(rs.getString("error_message")),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        hasFinished ? Optional.of(Instant.ofEpochMilli(finished)) : Optional.empty());
  }
}
