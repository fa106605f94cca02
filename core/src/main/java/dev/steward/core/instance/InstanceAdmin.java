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

import dev.steward.core.model.Fault;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operator requests on instances: Trove's {@code reset_status} action and the management listing
 * across tenants, plus instance counts by state (metrics).
 */
@Singleton
public final class InstanceAdmin {
  private static final int MAX_PAGE = 1000;

  private final Store store;
  private final InstanceStore instances;
  private final Clock clock;

  @Inject
  public InstanceAdmin(Store store, InstanceStore instances, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Trove's {@code reset_status}: an idle instance (no operation holds it) goes to ERROR with a
   * fault saying so, from where restart and delete are allowed. An instance that an operation holds
   * is refused with CONFLICT: the operation is durable and will finish or fail by itself.
   */
  public Instance resetStatus(String tenantId, String instanceId) {
    Instant now = clock.instant();
    return store.inTransaction(handle -> {
      Instance current =
          instances
              .find(handle, instanceId)
              .filter(instance -> instance.tenantId().equals(tenantId))
              .filter(instance -> instance.state() != InstanceState.DELETED)
              .orElseThrow(() -> InstanceStore.notFound(instanceId));
      if (current.activeOperation().isPresent()) {
        throw new StewardException(
            StandardErrorCode.CONFLICT,
            "Instance "
                + instanceId
                + " is busy with another operation; its status is reset when it ends");
      }
      if (!current.state().canBecome(InstanceState.ERROR)) {
        throw new StewardException(
            StandardErrorCode.INVALID_STATE,
            "Instance " + instanceId + " cannot be reset from status " + current.status());
      }
      instances.transition(
          handle,
          instanceId,
          InstanceState.ERROR,
          Optional.of(new Fault("RESET_STATUS", "Status reset by request", now)),
          now);
      return instances.find(handle, instanceId).orElseThrow();
    });
  }

  /**
   * Instances of every tenant (or of {@code tenantId} when given) that are not deleted, ordered by
   * creation, after {@code marker}.
   */
  public List<Instance> listAll(Optional<String> tenantId, int limit, Optional<String> marker) {
    if (limit < 1) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "limit must be positive");
    }
    return store.withHandle(handle -> {
      StringBuilder where = new StringBuilder("state <> 'DELETED'");
      if (tenantId.isPresent()) {
        where.append(" AND tenant_id = :tenant");
      }
      if (marker.isPresent()) {
        where.append(
            " AND (created_at > (SELECT created_at FROM instances WHERE id = :marker)"
                + " OR (created_at = (SELECT created_at FROM instances WHERE id = :marker)"
                + " AND id > :marker))");
      }
      List<String> ids =
          handle
              .createQuery(
                  "SELECT id FROM instances WHERE "
                      + where
                      + " ORDER BY created_at, id LIMIT :limit")
              .bind("tenant", tenantId.orElse(null))
              .bind("marker", marker.orElse(null))
              .bind("limit", Math.min(limit, MAX_PAGE))
              .mapTo(String.class)
              .list();
      return ids.stream().map(id -> instances.find(handle, id)).flatMap(Optional::stream).toList();
    });
  }

  /** How many instances are in each state that is not DELETED. */
  public Map<InstanceState, Long> countByState() {
    return store.withHandle(handle -> {
      Map<InstanceState, Long> counts = new EnumMap<>(InstanceState.class);
      for (InstanceState state : InstanceState.values()) {
        if (state != InstanceState.DELETED) {
          counts.put(state, 0L);
        }
      }
      handle
          .createQuery(
              "SELECT state, COUNT(*) AS n FROM instances WHERE state <> 'DELETED' GROUP BY state")
          .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
          .forEach(entry -> counts.put(InstanceState.valueOf(entry.getKey()), entry.getValue()));
      return counts;
    });
  }
}
