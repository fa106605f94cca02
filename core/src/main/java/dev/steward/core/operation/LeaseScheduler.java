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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds runnable operations, claims them with a lease and hands each to a worker on its own virtual
 * thread, at most {@code workers} at once; renews the leases of what runs here. A worker that fails
 * unexpectedly is no longer renewed, so its lease expires and the operation is resumed.
 */
final class LeaseScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseScheduler.class);

  /** What runs a claimed operation; {@code stopping} turns true when the engine stops. */
  @FunctionalInterface
  interface Work {
    void run(String operationId, BooleanSupplier stopping);
  }

  private final OperationLeases leases;
  private final Clock clock;
  private final String owner;
  private final Duration leaseDuration;
  private final Duration pollInterval;
  private final Work work;
  private final Semaphore permits;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Object wakeUp = new Object();
  private volatile boolean stopping;
  private Thread poller;
  private Thread renewer;

  LeaseScheduler(
      OperationLeases leases,
      Clock clock,
      String owner,
      int workers,
      Duration leaseDuration,
      Duration pollInterval,
      Work work) {
    this.leases = requireNonNull(leases, "leases is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.owner = requireNonNull(owner, "owner is null");
    this.leaseDuration = requireNonNull(leaseDuration, "leaseDuration is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    this.work = requireNonNull(work, "work is null");
    this.permits = new Semaphore(workers);
  }

  /**
   * Starts polling. With {@code stableOwner} (a node id that survives restarts) the leases this
   * owner held before it stopped are dropped first, so that their operations resume at once.
   */
  synchronized void start(boolean stableOwner) {
    if (stableOwner) {
      int released = leases.releaseLeases(owner);
      if (released > 0) {
        LOG.info("Resuming {} operation(s) this node held before it stopped", released);
      }
    }
    poller = Thread.ofVirtual().name("steward-operation-poller").start(this::pollLoop);
    renewer = Thread.ofVirtual().name("steward-lease-renewer").start(this::renewLoop);
  }

  /** Tells idle workers that new work was committed. */
  void wake() {
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  private void pollLoop() {
    while (!stopping) {
      try {
        int free = permits.availablePermits();
        if (free > 0) {
          for (String id : leases.runnable(clock.instant(), free)) {
            if (!stopping && !running.contains(id)) {
              tryClaim(id);
            }
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("Operation poll failed: {}", e.getMessage());
      }
      synchronized (wakeUp) {
        try {
          wakeUp.wait(pollInterval.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void tryClaim(String id) {
    if (!permits.tryAcquire()) {
      return;
    }
    Instant now = clock.instant();
    if (leases.claim(id, owner, now, now.plus(leaseDuration))) {
      running.add(id);
      Thread.ofVirtual().name("steward-operation-" + id).start(() -> runClaimed(id));
    } else {
      permits.release();
    }
  }

  private void runClaimed(String id) {
    try {
      work.run(id, () -> stopping);
    } catch (RuntimeException e) {
      LOG.error("Operation {} worker failed unexpectedly; it will be resumed", id, e);
    } finally {
      running.remove(id);
      permits.release();
      wake();
    }
  }

  private void renewLoop() {
    while (!stopping) {
      sleep(leaseDuration.dividedBy(3));
      // Only what runs here: the lease of a worker that failed unexpectedly must expire.
      Set<String> held = Set.copyOf(running);
      if (!held.isEmpty()) {
        try {
          leases.renew(owner, held, clock.instant().plus(leaseDuration));
        } catch (RuntimeException e) {
          LOG.warn("Lease renewal failed: {}", e.getMessage());
        }
      }
    }
  }

  /**
   * Stops claiming work and waits up to {@code timeout} for running steps to reach a boundary;
   * leases of anything still running expire and another worker resumes it.
   */
  void stop(Duration timeout) {
    stopping = true;
    wake();
    Instant deadline = clock.instant().plus(timeout);
    while (!running.isEmpty() && clock.instant().isBefore(deadline)) {
      sleep(Duration.ofMillis(20));
    }
    try {
      if (running.isEmpty()) {
        leases.releaseLeases(owner);
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

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
