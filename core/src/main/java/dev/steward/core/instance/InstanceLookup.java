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
package dev.steward.core.instance;

import static java.util.Objects.requireNonNull;

import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.store.InstanceStore;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a tenant's instances: show, list pages, wait for a state. Never writes. */
@Singleton
public final class InstanceLookup {
  private static final int MAX_PAGE = 1000;
  private static final Duration POLL = Duration.ofMillis(100);

  private final Mutations mutations;
  private final InstanceStore instances;
  private final OperationEngine engine;
  private final Clock clock;

  @Inject
  public InstanceLookup(
      Mutations mutations, InstanceStore instances, OperationEngine engine, Clock clock) {
    this.mutations = requireNonNull(mutations, "mutations is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The tenant's instance; NOT_FOUND also for another tenant's or a deleted one. */
  public Instance get(String tenantId, String instanceId) {
    return mutations.visible(tenantId, instanceId);
  }

  /** A page of the tenant's instances, oldest first, after {@code marker}. */
  public List<Instance> list(String tenantId, int limit, Optional<String> marker) {
    if (WarmPool.TENANT.equals(tenantId)) {
      return List.of();
    }
    if (limit < 1) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "limit must be positive");
    }
    return instances.list(tenantId, Math.min(limit, MAX_PAGE), marker);
  }

  /**
   * Polls until the instance is idle in one of {@code states}; INVALID_STATE when it ended in ERROR
   * or DELETED instead, TIMEOUT after {@code timeout}.
   */
  public Instance await(
      String tenantId, String instanceId, Set<InstanceState> states, Duration timeout) {
    WarmPool.requireTenant(tenantId);
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Instance instance =
          instances
              .find(instanceId)
              .filter(found -> found.tenantId().equals(tenantId))
              .orElseThrow(() -> InstanceStore.notFound(instanceId));
      if (instance.activeOperation().isEmpty()) {
        if (states.contains(instance.state())) {
          return instance;
        }
        if (instance.state() == InstanceState.ERROR || instance.state() == InstanceState.DELETED) {
          throw new StewardException(
              StandardErrorCode.INVALID_STATE,
              "Instance "
                  + instanceId
                  + " ended "
                  + instance.state()
                  + instance.fault().map(fault -> ": " + fault.message()).orElse(""));
        }
      }
      if (clock.instant().isAfter(deadline)) {
        throw new StewardException(
            StandardErrorCode.TIMEOUT,
            "Instance " + instanceId + " is " + instance.state() + " after " + timeout);
      }
      engine.awaitChange(POLL);
      if (Thread.currentThread().isInterrupted()) {
        throw new StewardException(StandardErrorCode.TIMEOUT, "Interrupted while waiting");
      }
    }
  }
}
