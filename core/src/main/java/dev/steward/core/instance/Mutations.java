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
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.Capability;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Records a mutating operation on an existing instance: in one transaction the instance's lock is
 * taken (refusing with NOT_FOUND, CONFLICT or INVALID_STATE) and the operation is inserted, so a
 * refused request leaves no trace. Capability checks happen before, and also record nothing.
 */
@Singleton
public final class Mutations {
  /** States in which an instance accepts administrative requests. */
  public static final Set<InstanceState> RUNNING = EnumSet.of(InstanceState.ACTIVE);

  private final Store store;
  private final InstanceStore instances;
  private final OperationEngine engine;
  private final Plugins plugins;
  private final Clock clock;

  @Inject
  public Mutations(
      Store store, InstanceStore instances, OperationEngine engine, Plugins plugins, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The tenant's instance, or NOT_FOUND (also for another tenant's or a deleted instance). */
  public Instance visible(String tenantId, String instanceId) {
    return instances
        .find(instanceId)
        .filter(instance -> instance.tenantId().equals(tenantId))
        .filter(instance -> !WarmPool.TENANT.equals(tenantId))
        .filter(instance -> instance.state() != InstanceState.DELETED)
        .orElseThrow(() -> InstanceStore.notFound(instanceId));
  }

  /** The instance's datastore after checking the capability (NOT_SUPPORTED otherwise). */
  public Datastore require(Instance instance, Capability capability) {
    Datastore datastore = plugins.datastore(instance.datastore());
    DatastoreVersion version = plugins.version(datastore, Optional.of(instance.datastoreVersion()));
    plugins.requireCapability(datastore, version, capability);
    return datastore;
  }

  /** The instance, which must be ACTIVE for a read against its engine. */
  public Instance running(String tenantId, String instanceId) {
    Instance instance = visible(tenantId, instanceId);
    if (!RUNNING.contains(instance.state())) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          "Instance "
              + instanceId
              + " is not currently available for an action to be performed (status was "
              + instance.status()
              + ")");
    }
    return instance;
  }

  /** The ACTIVE instance's datastore, after checking the capability. */
  public Datastore running(String tenantId, String instanceId, Capability capability) {
    return require(running(tenantId, instanceId), capability);
  }

  /** Submits an administrative operation (users, databases, root) on an ACTIVE instance. */
  public Operation administer(String tenantId, String instanceId, String type, Object payload) {
    return submit(tenantId, instanceId, RUNNING, Optional.empty(), type, payload);
  }

  public Operation submit(
      String tenantId,
      String instanceId,
      Set<InstanceState> allowed,
      Optional<InstanceState> newState,
      String type,
      Object payload) {
    WarmPool.requireTenant(tenantId);
    return submitAs(tenantId, instanceId, allowed, newState, type, payload);
  }

  /** As {@link #submit} for any owner, the warm pool's included: for core's own housekeeping. */
  Operation submitAs(
      String tenantId,
      String instanceId,
      Set<InstanceState> allowed,
      Optional<InstanceState> newState,
      String type,
      Object payload) {
    return record(
        tenantId,
        instanceId,
        allowed,
        newState,
        engine.newOperation(instanceId, type),
        payload,
        h -> {});
  }

  /**
   * As {@link #submit}, with an operation record made by the caller and more writes ({@code also})
   * in the same transaction, after the lock was taken: a refusal of either records nothing.
   */
  public Operation submit(
      String tenantId,
      String instanceId,
      Set<InstanceState> allowed,
      Optional<InstanceState> newState,
      Operation operation,
      Object payload,
      Consumer<Handle> also) {
    WarmPool.requireTenant(tenantId);
    return record(tenantId, instanceId, allowed, newState, operation, payload, also);
  }

  private Operation record(
      String tenantId,
      String instanceId,
      Set<InstanceState> allowed,
      Optional<InstanceState> newState,
      Operation operation,
      Object payload,
      Consumer<Handle> also) {
    store.inTransaction(handle -> {
      instances.lock(
          handle, tenantId, instanceId, allowed, newState, operation.id(), clock.instant());
      also.accept(handle);
      engine.insert(handle, operation, payload);
      return null;
    });
    engine.wake();
    return operation;
  }
}
