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
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Instances of a tenant: create, show, list, delete, restart, await. The library's entry point
 * ({@code Steward.instances()}); creates are admitted by {@link InstanceAdmission}, reads served by
 * {@link InstanceLookup}, and delete and restart are mutations of an existing instance.
 */
@Singleton
public final class InstanceService {
  private final InstanceAdmission admission;
  private final InstanceLookup lookup;
  private final Mutations mutations;

  @Inject
  public InstanceService(InstanceAdmission admission, InstanceLookup lookup, Mutations mutations) {
    this.admission = requireNonNull(admission, "admission is null");
    this.lookup = requireNonNull(lookup, "lookup is null");
    this.mutations = requireNonNull(mutations, "mutations is null");
  }

  /**
   * Validates the request completely, then records the instance (BUILDING) and its create operation
   * in one transaction, together with the tenant's quota admission (QUOTA_EXCEEDED). Returns the
   * instance; its {@code activeOperation} is the create operation's id. A request with a restore
   * point restores that backup; one of the warm pool's shape may claim a pooled instance, ACTIVE at
   * once. Nothing is recorded when validation fails.
   */
  public Instance create(CreateInstanceRequest request) {
    return admission.create(request);
  }

  /** The tenant's instance; NOT_FOUND also for another tenant's or a deleted one. */
  public Instance get(String tenantId, String instanceId) {
    return lookup.get(tenantId, instanceId);
  }

  /** A page of the tenant's instances, oldest first, after {@code marker}. */
  public List<Instance> list(String tenantId, int limit, Optional<String> marker) {
    return lookup.list(tenantId, limit, marker);
  }

  /** Records the delete operation (instance goes to DELETING). Allowed in ACTIVE and ERROR. */
  public Operation delete(String tenantId, String instanceId) {
    return fromActiveOrError(tenantId, instanceId, InstanceState.DELETING, InstancePlans.DELETE);
  }

  /** Records a restart (stop, start). Allowed in ACTIVE and ERROR. */
  public Operation restart(String tenantId, String instanceId) {
    return fromActiveOrError(tenantId, instanceId, InstanceState.RESTARTING, InstancePlans.RESTART);
  }

  /** Polls until the instance reaches one of {@code states}; TIMEOUT otherwise. */
  public Instance await(
      String tenantId, String instanceId, Set<InstanceState> states, Duration timeout) {
    return lookup.await(tenantId, instanceId, states, timeout);
  }

  private Operation fromActiveOrError(
      String tenantId, String instanceId, InstanceState becomes, String type) {
    return mutations.submit(
        tenantId,
        instanceId,
        EnumSet.of(InstanceState.ACTIVE, InstanceState.ERROR),
        Optional.of(becomes),
        type,
        new Payloads.None());
  }
}
