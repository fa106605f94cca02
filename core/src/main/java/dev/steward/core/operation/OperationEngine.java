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
import dev.steward.core.model.Fault;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.OperationStore;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs durable operations. Workers are virtual threads; each claims an operation with a lease in
 * the store, executes its steps one by one recording each, and renews the lease while it works. A
 * retryable failure backs off and releases the lease; any other failure compensates backwards. A
 * crashed worker's lease expires (or, for a node with a stable id, is dropped at its next boot) and
 * another worker resumes from the last recorded step.
 */
public final class OperationEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperationEngine.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final StewardConfig config;
  private final Store store;
  private final OperationStore operations;
  private final InstanceStore instances;
  private final SecretBox secrets;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Map<String, OperationPlan> plans;
  private final List<OperationListener> listeners;
  private final String owner;
  private final Semaphore permits;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Object wakeUp = new Object();
  private final Object completions = new Object();
  private volatile boolean stopping;
  private Thread poller;
  private Thread renewer;

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
    this.store = requireNonNull(store, "store is null");
    this.operations = requireNonNull(operations, "operations is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.secrets = requireNonNull(secrets, "secrets is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.plans = plans.stream().collect(Collectors.toMap(OperationPlan::type, Function.identity()));
    this.listeners = List.copyOf(listeners);
    this.owner = config.nodeId().orElse("node-" + UUID.randomUUID());
    this.permits = new Semaphore(config.workers());
  }

  /** Starts polling for work; a node with a stable id first takes back what it held. */
  public synchronized void start() {
    if (config.nodeId().isPresent()) {
      int released = operations.releaseLeases(owner);
      if (released > 0) {
        LOG.info("Resuming {} operation(s) this node held before it stopped", released);
      }
    }
    poller = Thread.ofVirtual().name("steward-operation-poller").start(this::pollLoop);
    renewer = Thread.ofVirtual().name("steward-lease-renewer").start(this::renewLoop);
  }

  /** Creates a PENDING operation record for a plan (not yet stored). */
  public Operation newOperation(String instanceId, String type) {
    return newOperation(instanceId, type, Set.of());
  }

  /**
   * Creates a PENDING operation record for a plan without the steps named in {@code skipped} (steps
   * that have nothing to do for this request, such as creating no databases).
   */
  public Operation newOperation(String instanceId, String type, Set<String> skipped) {
    return newOperation(instanceId, UUID.randomUUID().toString(), type, skipped);
  }

  /** As {@link #newOperation(String, String, Set)}, with an id chosen by the caller. */
  public Operation newOperation(
      String instanceId, String operationId, String type, Set<String> skipped) {
    OperationPlan plan = plan(type);
    return new Operation(
        operationId,
        instanceId,
        type,
        OperationState.PENDING,
        plan.steps().stream().map(Step::name).filter(name -> !skipped.contains(name)).toList(),
        0,
        0,
        clock.instant(),
        Optional.empty(),
        Optional.empty(),
        clock.instant(),
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
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
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
    synchronized (completions) {
      try {
        completions.wait(Math.max(1, max.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void signalChange() {
    synchronized (completions) {
      completions.notifyAll();
    }
  }

  private OperationPlan plan(String type) {
    OperationPlan plan = plans.get(type);
    if (plan == null) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR, "No plan for operation type " + type);
    }
    return plan;
  }

  private void pollLoop() {
    while (!stopping) {
      try {
        int free = permits.availablePermits();
        if (free > 0) {
          for (String id : operations.runnable(clock.instant(), free)) {
            if (stopping || running.contains(id)) {
              continue;
            }
            Instant now = clock.instant();
            if (permits.tryAcquire()) {
              if (operations.claim(id, owner, now, now.plus(config.leaseDuration()))) {
                running.add(id);
                Thread.ofVirtual().name("steward-operation-" + id).start(() -> work(id));
              } else {
                permits.release();
              }
            }
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("Operation poll failed: {}", e.getMessage());
      }
      synchronized (wakeUp) {
        try {
          wakeUp.wait(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void renewLoop() {
    while (!stopping) {
      sleep(config.leaseDuration().dividedBy(3));
      // Only what runs here: the lease of a worker that failed unexpectedly must expire.
      Set<String> held = Set.copyOf(running);
      if (!held.isEmpty()) {
        try {
          operations.renew(owner, held, clock.instant().plus(config.leaseDuration()));
        } catch (RuntimeException e) {
          LOG.warn("Lease renewal failed: {}", e.getMessage());
        }
      }
    }
  }

  private void work(String id) {
    try {
      new Worker(id).run();
    } catch (RuntimeException e) {
      LOG.error("Operation {} worker failed unexpectedly; it will be resumed", id, e);
    } finally {
      running.remove(id);
      permits.release();
      wake();
    }
  }

  /** Executes one claimed operation until it ends, backs off or the engine stops. */
  private final class Worker {
    private final String id;

    /**
     * The index of the step whose STARTED record the previous transaction already wrote (it commits
     * together with the previous step's completion), or -1. A resumed worker starts at -1, so the
     * history shows a step that ran again after a crash.
     */
    private int startRecorded = -1;

    Worker(String id) {
      this.id = id;
    }

    void run() {
      Operation operation = operations.find(id).orElseThrow();
      OperationPlan plan = plan(operation.type());
      String json =
          new String(secrets.decrypt(operations.sealedPayload(id)), StandardCharsets.UTF_8);
      StepContext context = new StepContext(operation, json, mapper);
      while (!stopping) {
        operation = operations.find(id).orElseThrow();
        switch (operation.state()) {
          case PENDING -> {
            if (!advance(OperationState.RUNNING, 0, 0)) {
              return;
            }
          }
          case RUNNING -> {
            if (!executeNext(plan, operation, context)) {
              return;
            }
          }
          case COMPENSATING -> {
            if (!compensateNext(plan, operation, context)) {
              return;
            }
          }
          case SUCCEEDED, FAILED -> {
            return;
          }
        }
      }
    }

    private boolean executeNext(OperationPlan plan, Operation operation, StepContext context) {
      if (operation.nextStep() >= operation.steps().size()) {
        boolean finished =
            store.inTransaction(handle -> {
              plan.succeeded(handle, context);
              instances.unlock(handle, operation.instanceId(), id, clock.instant());
              return operations.finish(
                  handle, id, owner, OperationState.SUCCEEDED, clock.instant());
            });
        if (finished) {
          ended();
        }
        return false;
      }
      String name = operation.steps().get(operation.nextStep());
      Step step = plan.step(name).orElseThrow(() -> unknownStep(operation, name));
      if (startRecorded == operation.nextStep()) {
        listeners.forEach(listener -> listener.stepStarted(operation, name, "EXECUTE"));
      } else {
        started(operation, name, "EXECUTE");
      }
      try {
        step.execute().run(context);
      } catch (RuntimeException e) {
        StewardException error = coded(e);
        int attempts = operation.attempts() + 1;
        if (error.isRetryable() && attempts < config.maxAttempts()) {
          ended(operation, name, "EXECUTE", "RETRY", error);
          operations.backOff(
              id, owner, attempts, clock.instant().plus(backoff(attempts)), clock.instant());
          return false;
        }
        ended(operation, name, "EXECUTE", "FAILED", error);
        // Fenced like every write: a worker that lost its lease leaves the error of the new owner.
        return store.inTransaction(handle -> {
          boolean advanced =
              operations.advance(
                  handle,
                  id,
                  owner,
                  OperationState.COMPENSATING,
                  operation.nextStep(),
                  0,
                  clock.instant());
          if (advanced) {
            operations.recordError(handle, id, error.errorCode().name(), error.getMessage());
          }
          return advanced;
        });
      }
      // The step's completion, the move to the next step and that step's start commit together.
      int next = operation.nextStep() + 1;
      boolean advanced =
          store.inTransaction(handle -> {
            operations.recordStep(
                handle, id, name, "EXECUTE", "DONE", Optional.empty(), clock.instant());
            boolean moved =
                operations.advance(
                    handle, id, owner, OperationState.RUNNING, next, 0, clock.instant());
            if (moved && next < operation.steps().size()) {
              operations.recordStep(
                  handle,
                  id,
                  operation.steps().get(next),
                  "EXECUTE",
                  "STARTED",
                  Optional.empty(),
                  clock.instant());
            }
            return moved;
          });
      startRecorded = next;
      listeners.forEach(listener -> listener.stepEnded(operation, name, "EXECUTE", "DONE"));
      return advanced;
    }

    private boolean compensateNext(OperationPlan plan, Operation operation, StepContext context) {
      if (operation.nextStep() < 0) {
        Fault fault =
            new Fault(
                operation.errorCode().orElse(StandardErrorCode.INTERNAL_ERROR.name()),
                operation.errorMessage().orElse("operation failed"),
                clock.instant());
        boolean finished =
            store.inTransaction(handle -> {
              plan.failed(handle, context, fault);
              instances.unlock(handle, operation.instanceId(), id, clock.instant());
              return operations.finish(handle, id, owner, OperationState.FAILED, clock.instant());
            });
        if (finished) {
          ended();
        }
        return false;
      }
      String name = operation.steps().get(operation.nextStep());
      Step step = plan.step(name).orElseThrow(() -> unknownStep(operation, name));
      started(operation, name, "COMPENSATE");
      try {
        step.compensate().run(context);
        ended(operation, name, "COMPENSATE", "DONE", null);
      } catch (RuntimeException e) {
        StewardException error = coded(e);
        int attempts = operation.attempts() + 1;
        if (error.isRetryable() && attempts < config.maxAttempts()) {
          ended(operation, name, "COMPENSATE", "RETRY", error);
          operations.backOff(
              id, owner, attempts, clock.instant().plus(backoff(attempts)), clock.instant());
          return false;
        }
        // A compensation that cannot succeed is recorded and skipped: the others still run.
        ended(operation, name, "COMPENSATE", "FAILED", error);
        LOG.error("Compensation {} of operation {} failed: {}", name, id, error.getMessage());
      }
      return advance(OperationState.COMPENSATING, operation.nextStep() - 1, 0);
    }

    private boolean advance(OperationState state, int nextStep, int attempts) {
      return store.inTransaction(handle ->
          operations.advance(handle, id, owner, state, nextStep, attempts, clock.instant()));
    }

    private void started(Operation operation, String step, String phase) {
      operations.recordStep(id, step, phase, "STARTED", Optional.empty(), clock.instant());
      listeners.forEach(listener -> listener.stepStarted(operation, step, phase));
    }

    private void ended(
        Operation operation, String step, String phase, String outcome, StewardException error) {
      Optional<String> message =
          Optional.ofNullable(error).map(e -> e.errorCode().name() + ": " + e.getMessage());
      operations.recordStep(id, step, phase, outcome, message, clock.instant());
      if (error != null) {
        LOG.warn("Operation {} step {} {}: {}", id, step, outcome, message.orElse(""));
      }
      listeners.forEach(listener -> listener.stepEnded(operation, step, phase, outcome));
    }

    private void ended() {
      signalChange();
      Operation finished = operations.find(id).orElseThrow();
      LOG.info("Operation {} {} {}", finished.type(), id, finished.state());
      listeners.forEach(listener -> listener.operationEnded(finished));
    }
  }

  private Duration backoff(int attempts) {
    Duration delay = config.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  private static StewardException unknownStep(Operation operation, String name) {
    return new StewardException(
        StandardErrorCode.INTERNAL_ERROR,
        "Operation " + operation.id() + " names unknown step " + name);
  }

  private static StewardException coded(RuntimeException e) {
    if (e instanceof StewardException coded) {
      return coded;
    }
    LOG.error("Unexpected failure in a step", e);
    return new StewardException(
        StandardErrorCode.INTERNAL_ERROR, "Unexpected failure: " + e.getClass().getSimpleName(), e);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops claiming work and waits up to {@code timeout} for running steps to reach a boundary;
   * leases of anything still running expire and another worker resumes it.
   */
  public void close(Duration timeout) {
    stopping = true;
    wake();
    Instant deadline = clock.instant().plus(timeout);
    while (!running.isEmpty() && clock.instant().isBefore(deadline)) {
      sleep(Duration.ofMillis(20));
    }
    try {
      if (running.isEmpty()) {
        operations.releaseLeases(owner);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not release leases at shutdown: {}", e.getMessage());
    }
    if (poller != null) {
      poller.interrupt();
    }
    if (renewer != null) {
      renewer.interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
