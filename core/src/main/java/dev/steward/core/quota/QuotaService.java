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
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Per-tenant quotas: limits (defaults from {@link QuotaConfig}, overridden per tenant), usage
 * computed from the store, and admission that is atomic with the create it admits.
 */
@Singleton
public final class QuotaService {
  private final Store store;
  private final QuotaStore quotas;
  private final QuotaConfig config;

  @Inject
  public QuotaService(Store store, QuotaStore quotas, QuotaConfig config) {
    this.store = requireNonNull(store, "store is null");
    this.quotas = requireNonNull(quotas, "quotas is null");
    this.config = requireNonNull(config, "config is null");
  }

  /** Prepares {@link #admit} for this tenant; call before the create's transaction. */
  public void prepare(String tenantId) {
    quotas.ensureTenant(tenantId);
  }

  /**
   * Inside the transaction that records a create: locks the tenant's quota row, then refuses with
   * QUOTA_EXCEEDED (nothing recorded) when current usage plus {@code request} passes a limit. The
   * lock is held until that transaction commits, so parallel creates are admitted one at a time.
   */
  public void admit(Handle handle, String tenantId, Usage request) {
    quotas.lockTenant(handle, tenantId);
    Map<QuotaResource, Integer> limits = limits(handle, tenantId);
    Usage used = quotas.usage(handle, tenantId);
    List<String> exceeded = new ArrayList<>();
    for (QuotaResource resource : QuotaResource.values()) {
      int limit = limits.get(resource);
      long wanted = request.amount(resource);
      if (wanted > 0 && limit >= 0 && used.amount(resource) + wanted > limit) {
        exceeded.add(resource.troveName());
      }
    }
    if (!exceeded.isEmpty()) {
      throw new StewardException(
          StandardErrorCode.QUOTA_EXCEEDED, "Quota exceeded for resources: " + exceeded);
    }
  }

  /** The tenant's quota, one line per resource. */
  public List<QuotaUsage> show(String tenantId) {
    return store.withHandle(handle -> {
      Map<QuotaResource, Integer> limits = limits(handle, tenantId);
      Usage used = quotas.usage(handle, tenantId);
      List<QuotaUsage> result = new ArrayList<>();
      for (QuotaResource resource : QuotaResource.values()) {
        result.add(new QuotaUsage(resource, used.amount(resource), 0, limits.get(resource)));
      }
      return result;
    });
  }

  /**
   * Sets some of the tenant's limits (Trove names, -1 for unlimited) and returns what was set.
   * Validates everything first: an unknown resource or a value below -1 changes nothing.
   */
  public Map<String, Integer> update(String tenantId, Map<String, Integer> newLimits) {
    if (newLimits.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "No quotas given");
    }
    Map<QuotaResource, Integer> parsed = new EnumMap<>(QuotaResource.class);
    newLimits.forEach((name, limit) -> {
      QuotaResource resource =
          QuotaResource.byTroveName(name)
              .orElseThrow(() ->
                  new StewardException(
                      StandardErrorCode.INVALID_ARGUMENT,
                      "Unknown quota resource "
                          + name
                          + "; known: instances, ram, volumes, backups"));
      if (limit == null || limit < -1) {
        throw new StewardException(
            StandardErrorCode.INVALID_ARGUMENT,
            "Quota limit of " + name + " must be -1 (unlimited) or at least 0");
      }
      parsed.put(resource, limit);
    });
    prepare(tenantId);
    store.inTransaction(handle -> {
      quotas.lockTenant(handle, tenantId);
      parsed.forEach((resource, limit) -> quotas.setOverride(handle, tenantId, resource, limit));
      return null;
    });
    Map<String, Integer> result = new LinkedHashMap<>();
    parsed.forEach((resource, limit) -> result.put(resource.troveName(), limit));
    return result;
  }

  private Map<QuotaResource, Integer> limits(Handle handle, String tenantId) {
    Map<QuotaResource, Integer> limits = new EnumMap<>(config.defaults());
    limits.putAll(quotas.overrides(handle, tenantId));
    return limits;
  }
}
