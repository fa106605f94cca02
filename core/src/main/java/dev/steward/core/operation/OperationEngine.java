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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.config.StewardConfig;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Runs durable operations. A {@link LeaseScheduler} claims each operation with a lease in the store
 * and renews it while an {@link OperationWorker} executes the steps one by one, recording each
 * ({@link OperationJournal}). A retryable failure backs off and releases the lease ({@link
 * RetryPolicy}); any other failure compensates backwards ({@link Compensation}). A crashed worker's
 * lease expires (or, for a node with a stable id, is dropped at its next boot) and another worker
 * resumes from the last recorded step.
 */
public final class OperationEngine implements AutoCloseable {
  private final StewardConfig config;
  private final OperationStore operations;
  private final SecretBox secrets;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Map<String, OperationPlan> plans;
  private final OperationJournal journal;
  private final LeaseScheduler scheduler;

  public OperationEngine(
      StewardConfig config,
      Store store,
      OperationStore operations,
      InstanceStore instances,
      SecretBox secrets,
      ObjectMapper mapper,
      Clock clock,
      Set<OperationPlan> plans,
      List<OperationListener> listeners) {
    this.config = requireNonNull(config, "config is null");
    this.operations = requireNonNull(operations, "operations is null");
    this.secrets = requireNonNull(secrets, "secrets is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.plans = plans.stream().collect(Collectors.toMap(OperationPlan::type, Function.identity()));
    OperationLeases leases = new OperationLeases(store);
    this.journal = new OperationJournal(store, operations, leases, instances, listeners, clock);
    StepRunner runner = new StepRunner(leases, journal, RetryPolicy.from(config), clock);
    String owner = config.nodeId().orElse("node-" + UUID.randomUUID());
    OperationWorker worker =
        new OperationWorker(operations, secrets, mapper, this::plan, journal, runner);
    this.scheduler =
        new LeaseScheduler(
            leases,
            clock,
            owner,
            config.workers(),
            config.leaseDuration(),
            config.pollInterval(),
            (id, stopping) -> worker.run(id, owner, stopping));
  }

  /** Starts polling for work; a node with a stable id first takes back what it held. */
  public void start() {
    scheduler.start(config.nodeId().isPresent());
  }

  /** Creates a PENDING operation record of a plan on an instance (not yet stored). */
  public Operation newOperation(String instanceId, String type) {
    return newOperation(OperationResource.instance(instanceId), type);
  }

  /**
   * Creates a PENDING operation record of a plan on an instance without the steps named in {@code
   * skipped} (steps that have nothing to do for this request, such as creating no databases).
   */
  public Operation newOperation(String instanceId, String type, Set<String> skipped) {
    return newOperation(
        OperationResource.instance(instanceId), UUID.randomUUID().toString(), type, skipped);
  }

  /** As {@link #newOperation(String, String, Set)}, with an id chosen by the caller. */
  public Operation newOperation(
      String instanceId, String operationId, String type, Set<String> skipped) {
    return newOperation(OperationResource.instance(instanceId), operationId, type, skipped);
  }

  /** Creates a PENDING operation record of a plan on any kind of resource (not yet stored). */
  public Operation newOperation(OperationResource resource, String type) {
    return newOperation(resource, UUID.randomUUID().toString(), type, Set.of());
  }

  /**
   * The one way an operation record is made: the resource must be of the kind the plan declares
   * (INTERNAL_ERROR otherwise, as for an unknown type), so one resource's id is never taken for
   * another kind's.
   */
  public Operation newOperation(
      OperationResource resource, String operationId, String type, Set<String> skipped) {
    OperationPlan plan = plan(type);
    if (plan.resourceKind() != resource.kind()) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR,
          "Plan " + type + " works on a " + plan.resourceKind() + ", not on " + resource);
    }
    Instant now = clock.instant();
    return new Operation(
        operationId,
        resource,
        type,
        OperationState.PENDING,
        plan.steps().stream().map(Step::name).filter(name -> !skipped.contains(name)).toList(),
        0,
        0,
        now,
        Optional.empty(),
        Optional.empty(),
        now,
        Optional.empty());
  }

  /** Stores a new operation with its payload (encrypted), inside the caller's transaction. */
  public void insert(Handle handle, Operation operation, Object payload) {
    try {
      byte[] json = mapper.writeValueAsBytes(payload);
      operations.insert(handle, operation, secrets.encrypt(json));
    } catch (JsonProcessingException e) {
      throw new StewardException(StandardErrorCode.INTERNAL_ERROR, "Cannot encode payload", e);
    }
  }

  /** Tells idle workers that new work was committed. */
  public void wake() {
    scheduler.wake();
  }

  /** Waits until the operation ends; returns it (SUCCEEDED or FAILED) or throws TIMEOUT. */
  public Operation await(String operationId, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Operation operation =
          operations
              .find(operationId)
              .orElseThrow(() ->
                  new StewardException(
                      StandardErrorCode.NOT_FOUND, "Operation " + operationId + " not found"));
      if (operation.state().terminal()) {
        return operation;
      }
      if (clock.instant().isAfter(deadline)) {
        throw new StewardException(
            StandardErrorCode.TIMEOUT,
            "Operation " + operationId + " did not finish within " + timeout);
      }
      awaitChange(Duration.ofMillis(100));
    }
  }

  /**
   * Blocks until an operation of this engine ends or {@code max} passes, whichever is first.
   * Waiters re-read the store afterwards, so operations ended by other nodes are seen too (within
   * {@code max}).
   */
  public void awaitChange(Duration max) {
    journal.awaitChange(max);
  }

  private OperationPlan plan(String type) {
    OperationPlan plan = plans.get(type);
    if (plan == null) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR, "No plan for operation type " + type);
    }
    return plan;
  }

  /**
   * Stops claiming work and waits up to {@code timeout} for running steps to reach a boundary;
   * leases of anything still running expire and another worker resumes it.
   */
  public void close(Duration timeout) {
    scheduler.stop(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
