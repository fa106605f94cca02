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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Operations' leases and everything a worker writes while it holds one. Every write is fenced by
 * the lease: a worker that lost its lease (it stalled past the lease duration and another worker
 * took over) changes nothing, and each fenced write says whether it happened.
 */
public final class OperationLeases {
  private static final String ACTIVE = "state IN ('PENDING', 'RUNNING', 'COMPENSATING')";
  private static final String FENCE = " WHERE id = :id AND lease_owner = :owner";

  private final Store store;

  public OperationLeases(Store store) {
    this.store = requireNonNull(store, "store is null");
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
    return fenced(
        handle
            .createUpdate(
                "UPDATE operations SET state = :state, next_step = :next, attempts = :attempts,"
                    + " updated_at = :now"
                    + FENCE)
            .bind("state", state.name())
            .bind("next", nextStep)
            .bind("attempts", attempts),
        id,
        owner,
        now);
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
    return fenced(
        handle
            .createUpdate(
                "UPDATE operations SET state = 'COMPENSATING', next_step = :next, attempts = 0,"
                    + " error_code = :code, error_message = :message, updated_at = :now"
                    + FENCE)
            .bind("next", nextStep)
            .bind("code", errorCode)
            .bind("message", OperationStore.truncate(errorMessage)),
        id,
        owner,
        now);
  }

  /**
   * Backs off after a retryable failure: counts the attempt and releases the lease until {@code
   * notBefore}. False when the lease was lost.
   */
  public boolean backOff(String id, String owner, int attempts, Instant notBefore, Instant now) {
    return store.withHandle(handle ->
        fenced(
            handle
                .createUpdate(
                    "UPDATE operations SET attempts = :attempts, not_before = :notBefore,"
                        + " lease_owner = NULL, lease_expires = NULL, updated_at = :now"
                        + FENCE)
                .bind("attempts", attempts)
                .bind("notBefore", notBefore.toEpochMilli()),
            id,
            owner,
            now));
  }

  /** Ends the operation (SUCCEEDED or FAILED) and drops its lease. False when it was lost. */
  public boolean finish(Handle handle, String id, String owner, OperationState state, Instant now) {
    return fenced(
        handle
            .createUpdate(
                "UPDATE operations SET state = :state, finished_at = :now, updated_at = :now,"
                    + " lease_owner = NULL, lease_expires = NULL"
                    + FENCE)
            .bind("state", state.name()),
        id,
        owner,
        now);
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
    return fenced(
        handle
            .createUpdate(
                "INSERT INTO operation_steps (operation_id, seq, step, phase, outcome, message, at)"
                    + " SELECT id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM operation_steps WHERE"
                    + " operation_id = :id), :step, :phase, :outcome, :message, :now FROM"
                    + " operations"
                    + FENCE)
            .bind("step", step)
            .bind("phase", phase.name())
            .bind("outcome", outcome.name())
            .bind("message", message.map(OperationStore::truncate).orElse(null)),
        id,
        owner,
        now);
  }

  /** Runs a write fenced by {@code owner}'s lease on {@code id}: true when it happened. */
  private static boolean fenced(Update update, String id, String owner, Instant now) {
    return update.bind("id", id).bind("owner", owner).bind("now", now.toEpochMilli()).execute()
        == 1;
  }
}
