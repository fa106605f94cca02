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
package dev.steward.core.store;

import static java.util.Objects.requireNonNull;

import dev.steward.core.model.Fault;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Resources;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Instances in the store. State changes are compare-and-set from an expected state along {@link
 * InstanceState}'s table; the per-instance operation lock ({@code active_operation}) is taken and
 * released together with the operation row, in one transaction.
 */
@Singleton
public final class InstanceStore {
  private static final String COLUMNS =
      "id, tenant_id, name, datastore, datastore_version, flavor_id, ram_mb, vcpus, volume_gb,"
          + " state, address, fault_code, fault_message, fault_at, active_operation, created_at,"
          + " updated_at";

  private final Store store;

  @Inject
  public InstanceStore(Store store) {
    this.store = requireNonNull(store, "store is null");
  }

  /**
   * Inserts a new instance (state BUILDING) holding {@code operationId}. Runs inside a transaction.
   */
  public void insert(Handle handle, Instance instance, String sealedAdminSecret) {
    handle
        .createUpdate(
            "INSERT INTO instances (id, tenant_id, name, datastore, datastore_version, flavor_id,"
                + " ram_mb, vcpus, volume_gb, state, admin_secret, active_operation, created_at,"
                + " updated_at) VALUES (:id, :tenant, :name, :datastore, :version, :flavor, :ram,"
                + " :vcpus, :volume, :state, :secret, :operation, :now, :now)")
        .bind("id", instance.id())
        .bind("tenant", instance.tenantId())
        .bind("name", instance.name())
        .bind("datastore", instance.datastore())
        .bind("version", instance.datastoreVersion())
        .bind("flavor", instance.flavorId())
        .bind("ram", instance.resources().ramMb())
        .bind("vcpus", instance.resources().vcpus())
        .bind("volume", instance.resources().volumeGb())
        .bind("state", instance.state().name())
        .bind("secret", sealedAdminSecret)
        .bind("operation", instance.activeOperation().orElse(null))
        .bind("now", instance.created().toEpochMilli())
        .execute();
  }

  /**
   * Takes the instance's operation lock for {@code operationId}, checking tenant, lock and state,
   * and moves it to {@code newState} when given. Runs inside the transaction that inserts the
   * operation, so a refusal records nothing.
   *
   * @throws StewardException NOT_FOUND, CONFLICT (another operation holds it) or INVALID_STATE
   */
  public Instance lock(
      Handle handle,
      String tenantId,
      String instanceId,
      Set<InstanceState> allowed,
      Optional<InstanceState> newState,
      String operationId,
      Instant now) {
    Instance current =
        find(handle, instanceId)
            .filter(instance -> instance.tenantId().equals(tenantId))
            .filter(instance -> instance.state() != InstanceState.DELETED)
            .orElseThrow(() -> notFound(instanceId));
    if (current.activeOperation().isPresent()) {
      throw Rows.busy("Instance", instanceId);
    }
    if (!allowed.contains(current.state())
        || newState.map(next -> !current.state().canBecome(next)).orElse(false)) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          "Instance "
              + instanceId
              + " is not currently available for an action to be performed (status was "
              + current.status()
              + ")");
    }
    int updated =
        handle
            .createUpdate(
                "UPDATE instances SET active_operation = :operation, state = :state, updated_at ="
                    + " :now WHERE id = :id AND active_operation IS NULL AND state = :expected")
            .bind("operation", operationId)
            .bind("state", newState.orElse(current.state()).name())
            .bind("now", now.toEpochMilli())
            .bind("id", instanceId)
            .bind("expected", current.state().name())
            .execute();
    if (updated != 1) {
      throw Rows.busy("Instance", instanceId);
    }
    return find(handle, instanceId).orElseThrow();
  }

  /** Releases the lock held by {@code operationId}; does nothing when it holds none. */
  public void unlock(Handle handle, String instanceId, String operationId, Instant now) {
    Rows.unlock(handle, "instances", instanceId, operationId, now);
  }

  /**
   * Moves the instance along the transition table (compare-and-set). Repeating a transition that
   * already happened is a no-op, so steps stay idempotent. A fault is recorded with ERROR and
   * cleared otherwise.
   */
  public void transition(
      Handle handle, String instanceId, InstanceState to, Optional<Fault> fault, Instant now) {
    Instance current = find(handle, instanceId).orElseThrow(() -> notFound(instanceId));
    if (current.state() == to && to != InstanceState.ERROR) {
      return;
    }
    StateUpdate.requireTransition(
        "Instance", instanceId, current.state(), to, current.state().canBecome(to));
    StateUpdate.compareAndSet(
        handle,
        "instances",
        "Instance",
        instanceId,
        current.state().name(),
        to.name(),
        fault,
        to == InstanceState.DELETED,
        now);
  }

  public void setAddress(String instanceId, String address, Instant now) {
    store.withHandle(handle -> {
      Rows.set(handle, "instances", "address", address, instanceId, now);
      return null;
    });
  }

  public Optional<Instance> find(String instanceId) {
    return store.withHandle(handle -> find(handle, instanceId));
  }

  public Optional<Instance> find(Handle handle, String instanceId) {
    return Rows.byId(handle, "instances", COLUMNS, instanceId, (rs, ctx) -> map(rs));
  }

  public String sealedAdminSecret(String instanceId) {
    return store
        .withHandle(handle -> Rows.sealedAdminSecret(handle, "instances", instanceId))
        .orElseThrow(() -> notFound(instanceId));
  }

  /**
   * A tenant's instances that are not deleted, ordered by creation, after {@code marker} (an
   * instance id) when given.
   */
  public List<Instance> list(String tenantId, int limit, Optional<String> marker) {
    return store.withHandle(handle -> {
      String where = "tenant_id = :tenant AND state <> 'DELETED'";
      Optional<Long> after =
          marker.flatMap(id ->
              handle
                  .createQuery("SELECT created_at FROM instances WHERE id = :marker")
                  .bind("marker", id)
                  .mapTo(Long.class)
                  .findOne());
      if (marker.isPresent() && after.isEmpty()) {
        return List.of();
      }
      if (after.isPresent()) {
        // a range of the (tenant_id, created_at, id) index, read in its order: no scan, no sort
        where += " AND created_at >= :after AND (created_at > :after OR id > :marker)";
      }
      return handle
          .createQuery(
              "SELECT "
                  + COLUMNS
                  + " FROM instances WHERE "
                  + where
                  + " ORDER BY tenant_id, created_at, id LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("marker", marker.orElse(null))
          .bind("after", after.orElse(null))
          .bind("limit", limit)
          .map((rs, ctx) -> map(rs))
          .list();
    });
  }

  /** Every instance not deleted, in any tenant, in one of {@code states}. */
  public List<Instance> listInStates(Set<InstanceState> states) {
    String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
    return store.withHandle(handle ->
        handle
            .createQuery(
                "SELECT " + COLUMNS + " FROM instances WHERE state IN (" + in + ") ORDER BY id")
            .map((rs, ctx) -> map(rs))
            .list());
  }

  /**
   * Hands the oldest idle POOLED instance of {@code poolTenant} with exactly this datastore,
   * version, flavor and volume to {@code tenantId} (compare-and-set: a pooled instance is claimed
   * once). It becomes {@code newState} (ACTIVE, or BUILDING holding {@code operationId}) and its
   * creation time is now. Runs inside a transaction; empty when there is none to claim.
   */
  public Optional<String> claimPooled(
      Handle handle,
      String poolTenant,
      Instance wanted,
      InstanceState newState,
      Optional<String> operationId) {
    List<String> candidates =
        handle
            .createQuery(
                "SELECT id FROM instances WHERE tenant_id = :pool AND state = 'POOLED' AND"
                    + " active_operation IS NULL AND datastore = :datastore AND datastore_version"
                    + " = :version AND flavor_id = :flavor AND volume_gb = :volume ORDER BY"
                    + " created_at, id LIMIT 4")
            .bind("pool", poolTenant)
            .bind("datastore", wanted.datastore())
            .bind("version", wanted.datastoreVersion())
            .bind("flavor", wanted.flavorId())
            .bind("volume", wanted.resources().volumeGb())
            .mapTo(String.class)
            .list();
    for (String id : candidates) {
      int updated =
          handle
              .createUpdate(
                  "UPDATE instances SET tenant_id = :tenant, name = :name, state = :state,"
                      + " active_operation = :operation, created_at = :now, updated_at = :now"
                      + " WHERE id = :id AND tenant_id = :pool AND state = 'POOLED' AND"
                      + " active_operation IS NULL")
              .bind("tenant", wanted.tenantId())
              .bind("name", wanted.name())
              .bind("state", newState.name())
              .bind("operation", operationId.orElse(null))
              .bind("now", wanted.created().toEpochMilli())
              .bind("id", id)
              .bind("pool", poolTenant)
              .execute();
      if (updated == 1) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** Every instance of {@code tenantId} that is not deleted, in any state, oldest first. */
  public List<Instance> listAll(String tenantId) {
    return store.withHandle(handle ->
        Rows.where(
            handle,
            "instances",
            COLUMNS,
            "tenant_id = :tenant AND state <> 'DELETED' ORDER BY created_at, id",
            "tenant",
            tenantId,
            (rs, ctx) -> map(rs)));
  }

  public static StewardException notFound(String instanceId) {
    return new StewardException(
        StandardErrorCode.NOT_FOUND, "Instance " + instanceId + " could not be found");
  }

  private static Instance map(ResultSet rs) throws SQLException {
    return new Instance(
        rs.getString("id"),
        rs.getString("tenant_id"),
        rs.getString("name"),
        rs.getString("datastore"),
        rs.getString("datastore_version"),
        rs.getString("flavor_id"),
        new Resources(rs.getInt("ram_mb"), rs.getInt("vcpus"), rs.getInt("volume_gb")),
        InstanceState.valueOf(rs.getString("state")),
        Rows.text(rs, "address"),
        Rows.fault(rs),
        Rows.text(rs, "active_operation"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
