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

import dev.steward.core.model.Fault;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker writes about the operation it holds, and who hears of it: step records (STARTED,
 * then DONE, RETRY or FAILED), the operation's progress, its one terminal transaction, the
 * listeners, the log, and the waiters for an operation's end. Every write is fenced by the worker's
 * lease and says whether it happened; listeners hear only of what was recorded.
 */
final class OperationJournal {
  private static final Logger LOG = LoggerFactory.getLogger(OperationJournal.class);

  private final Store store;
  private final OperationStore operations;
  private final OperationLeases leases;
  private final InstanceStore instances;
  private final List<OperationListener> listeners;
  private final Clock clock;
  private final Object completions = new Object();

  OperationJournal(
      Store store,
      OperationStore operations,
      OperationLeases leases,
      InstanceStore instances,
      List<OperationListener> listeners,
      Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.operations = requireNonNull(operations, "operations is null");
    this.leases = requireNonNull(leases, "leases is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.listeners = List.copyOf(listeners);
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Records that a step starts; false (and the step must not run) when the lease was lost. */
  boolean started(Claim claim, Operation operation, String step, StepPhase phase) {
    boolean recorded =
        store.withHandle(
            handle -> record(handle, claim, step, phase, StepOutcome.STARTED, Optional.empty()));
    if (recorded) {
      announceStarted(operation, step, phase);
    }
    return recorded;
  }

  /** Records a notice a running step leaves (fenced by the lease of {@code owner}). */
  void noticed(String id, String owner, String step, String message) {
    LOG.warn("Operation {} step {}: {}", id, step, message);
    store.withHandle(handle ->
        leases.recordStep(
            handle,
            id,
            owner,
            step,
            StepPhase.EXECUTE,
            StepOutcome.NOTICE,
            Optional.of(message),
            clock.instant()));
  }

  /** Tells the listeners of a start recorded earlier, with the previous step's completion. */
  void announceStarted(Operation operation, String step, StepPhase phase) {
    listeners.forEach(listener -> listener.stepStarted(operation, step, phase));
  }

  boolean ended(
      Claim claim, Operation operation, String step, StepPhase phase, StepOutcome outcome) {
    return ended(claim, operation, step, phase, outcome, Optional.empty());
  }

  /** Records how a step ended; false when the lease was lost. */
  boolean ended(
      Claim claim,
      Operation operation,
      String step,
      StepPhase phase,
      StepOutcome outcome,
      Optional<StewardException> error) {
    Optional<String> message = error.map(e -> e.errorCode().name() + ": " + e.getMessage());
    boolean recorded =
        store.withHandle(handle -> record(handle, claim, step, phase, outcome, message));
    if (message.isPresent()) {
      LOG.warn("Operation {} step {} {}: {}", claim.id(), step, outcome, message.get());
    }
    if (recorded) {
      listeners.forEach(listener -> listener.stepEnded(operation, step, phase, outcome));
    }
    return recorded;
  }

  /**
   * Records a completed step together with the move to the next step and that step's start, in one
   * transaction; false (nothing recorded) when the lease was lost.
   */
  boolean completed(Claim claim, Operation operation, String step) {
    requireTransition(operation, OperationState.RUNNING);
    int next = operation.nextStep() + 1;
    boolean advanced =
        store.inTransaction(handle -> {
          if (!leases.advance(
              handle,
              claim.id(),
              claim.owner(),
              OperationState.RUNNING,
              next,
              0,
              clock.instant())) {
            return false;
          }
          record(handle, claim, step, StepPhase.EXECUTE, StepOutcome.DONE, Optional.empty());
          if (next < operation.steps().size()) {
            record(
                handle,
                claim,
                operation.steps().get(next),
                StepPhase.EXECUTE,
                StepOutcome.STARTED,
                Optional.empty());
          }
          return true;
        });
    if (advanced) {
      listeners.forEach(
          listener -> listener.stepEnded(operation, step, StepPhase.EXECUTE, StepOutcome.DONE));
    }
    return advanced;
  }

  /** Turns the operation to COMPENSATING at its current step, recording why; false if lost. */
  boolean compensate(Claim claim, Operation operation, StewardException error) {
    requireTransition(operation, OperationState.COMPENSATING);
    return store.inTransaction(handle ->
        leases.compensate(
            handle,
            claim.id(),
            claim.owner(),
            operation.nextStep(),
            error.errorCode().name(),
            error.getMessage(),
            clock.instant()));
  }

  /**
   * Moves the operation to {@code state} at step {@code nextStep}; false when the lease was lost.
   */
  boolean advance(Claim claim, Operation operation, OperationState state, int nextStep) {
    requireTransition(operation, state);
    return store.inTransaction(handle ->
        leases.advance(handle, claim.id(), claim.owner(), state, nextStep, 0, clock.instant()));
  }

  /** The terminal transaction of an operation whose every step completed. */
  boolean succeed(Claim claim, Operation operation) {
    return finish(
        claim,
        operation,
        OperationState.SUCCEEDED,
        handle -> claim.plan().succeeded(handle, claim.context()));
  }

  /** The terminal transaction of a compensated operation; the fault is the error it failed with. */
  boolean fail(Claim claim, Operation operation) {
    Fault fault =
        new Fault(
            operation.errorCode().orElse(StandardErrorCode.INTERNAL_ERROR.name()),
            operation.errorMessage().orElse("operation failed"),
            clock.instant());
    return finish(
        claim,
        operation,
        OperationState.FAILED,
        handle -> claim.plan().failed(handle, claim.context(), fault));
  }

  /**
   * One transaction ends the operation, runs the plan's hook and releases an instance's lock (a
   * plan for another kind of resource releases its lock in the hook); nothing of it happens when
   * the lease was lost, and a failing hook undoes it all (the operation is resumed).
   */
  private boolean finish(
      Claim claim, Operation operation, OperationState state, Consumer<Handle> hook) {
    requireTransition(operation, state);
    boolean finished =
        store.inTransaction(handle -> {
          if (!leases.finish(handle, claim.id(), claim.owner(), state, clock.instant())) {
            return false;
          }
          hook.accept(handle);
          OperationResource resource = operation.resource();
          if (resource.kind() == OperationResource.Kind.INSTANCE) {
            instances.unlock(handle, resource.id(), claim.id(), clock.instant());
          }
          return true;
        });
    if (finished) {
      synchronized (completions) {
        completions.notifyAll();
      }
      Operation ended = operations.find(claim.id()).orElseThrow();
      LOG.info("Operation {} {} {}", ended.type(), ended.id(), ended.state());
      listeners.forEach(listener -> listener.operationEnded(ended));
    }
    return finished;
  }

  /**
   * Blocks until an operation of this engine ends or {@code max} passes, whichever is first.
   * Waiters re-read the store afterwards, so operations ended by other nodes are seen too (within
   * {@code max}).
   */
  void awaitChange(Duration max) {
    synchronized (completions) {
      try {
        completions.wait(Math.max(1, max.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Records a step event in the caller's transaction; false when the lease was lost. */
  private boolean record(
      Handle handle,
      Claim claim,
      String step,
      StepPhase phase,
      StepOutcome outcome,
      Optional<String> message) {
    return leases.recordStep(
        handle, claim.id(), claim.owner(), step, phase, outcome, message, clock.instant());
  }

  /** The engine moves operations only along {@link OperationState}'s table. */
  private static void requireTransition(Operation operation, OperationState next) {
    OperationState current = operation.state();
    if (current != next && !current.canBecome(next)) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR,
          "Operation " + operation.id() + " cannot go from " + current + " to " + next);
    }
  }
}
