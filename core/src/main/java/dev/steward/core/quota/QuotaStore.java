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
package dev.steward.core.quota;

import static java.util.Objects.requireNonNull;

import dev.steward.core.store.Store;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Quota rows in the store: per-tenant limit overrides, and one lock row per tenant. Admission takes
 * the tenant's lock row ({@code SELECT ... FOR UPDATE}) inside the transaction that records the
 * create, so concurrent creates of one tenant — on one node or on several sharing a PostgreSQL
 * store — are counted one after the other.
 */
@Singleton
public final class QuotaStore {
  private final Store store;

  @Inject
  public QuotaStore(Store store) {
    this.store = requireNonNull(store, "store is null");
  }

  /** Creates the tenant's lock row if it is missing (its own short transaction; idempotent). */
  public void ensureTenant(String tenantId) {
    boolean present =
        store.withHandle(handle ->
            handle
                    .createQuery("SELECT COUNT(*) FROM quota_tenants WHERE tenant_id = :tenant")
                    .bind("tenant", tenantId)
                    .mapTo(Integer.class)
                    .one()
                > 0);
    if (present) {
      return;
    }
    try {
      store.withHandle(handle ->
          handle
              .createUpdate("INSERT INTO quota_tenants (tenant_id) VALUES (:tenant)")
              .bind("tenant", tenantId)
              .execute());
    } catch (RuntimeException e) {
      // a concurrent request inserted it first; the row is there either way
    }
  }

  /** Locks the tenant's row until the surrounding transaction ends. */
  public void lockTenant(Handle handle, String tenantId) {
    handle
        .createQuery("SELECT tenant_id FROM quota_tenants WHERE tenant_id = :tenant FOR UPDATE")
        .bind("tenant", tenantId)
        .mapTo(String.class)
        .findOne()
        .orElseThrow(() -> new IllegalStateException("quota row of " + tenantId + " is missing"));
  }

  /** What the tenant's instances that are not deleted and its kept backups use. */
  public Usage usage(Handle handle, String tenantId) {
    int backups =
        handle
            .createQuery(
                "SELECT COUNT(*) FROM backups WHERE tenant_id = :tenant AND state NOT IN"
                    + " ('DELETED', 'FAILED')")
            .bind("tenant", tenantId)
            .mapTo(Integer.class)
            .one();
    return handle
        .createQuery(
            "SELECT COUNT(*) AS n, COALESCE(SUM(ram_mb), 0) AS ram, COALESCE(SUM(volume_gb), 0) AS"
                + " volume FROM instances WHERE tenant_id = :tenant AND state <> 'DELETED'")
        .bind("tenant", tenantId)
        .map((rs, ctx) ->
            new Usage(rs.getInt("n"), rs.getLong("ram"), rs.getLong("volume"), backups))
        .one();
  }

  /** The tenant's own limits (overrides only). */
  public Map<QuotaResource, Integer> overrides(Handle handle, String tenantId) {
    Map<QuotaResource, Integer> result = new EnumMap<>(QuotaResource.class);
    handle
        .createQuery("SELECT resource, hard_limit FROM quota_limits WHERE tenant_id = :tenant")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> Map.entry(rs.getString("resource"), rs.getInt("hard_limit")))
        .forEach(entry ->
            QuotaResource.byTroveName(entry.getKey())
                .ifPresent(resource -> result.put(resource, entry.getValue())));
    return result;
  }

  /** Sets one override (delete and insert, inside the caller's transaction). */
  public void setOverride(Handle handle, String tenantId, QuotaResource resource, int limit) {
    handle
        .createUpdate("DELETE FROM quota_limits WHERE tenant_id = :tenant AND resource = :resource")
        .bind("tenant", tenantId)
        .bind("resource", resource.troveName())
        .execute();
    handle
        .createUpdate(
            "INSERT INTO quota_limits (tenant_id, resource, hard_limit) VALUES (:tenant,"
                + " :resource, :limit)")
        .bind("tenant", tenantId)
        .bind("resource", resource.troveName())
        .bind("limit", limit)
        .execute();
  }
}
