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

import dev.steward.spi.PluginConfig;
import java.util.EnumMap;
import java.util.Map;

/**
 * Default per-tenant limits, from the {@code quota.*} properties; a tenant's own limits (set
 * through the management API) override them. {@code -1} means unlimited.
 *
 * @param defaults the default limit of every resource
 */
public record QuotaConfig(Map<QuotaResource, Integer> defaults) {
  public static final String PREFIX = "quota";

  public QuotaConfig {
    defaults = Map.copyOf(defaults);
  }

  /**
   * Reads {@code quota.instances} (10), {@code quota.ram} (MB, 51200), {@code quota.volumes} (GB,
   * 100), {@code quota.backups} (50).
   */
  public static QuotaConfig from(PluginConfig config) {
    Map<QuotaResource, Integer> defaults = new EnumMap<>(QuotaResource.class);
    defaults.put(QuotaResource.INSTANCES, config.integer("instances", 10, -1, 1_000_000));
    defaults.put(QuotaResource.RAM, config.integer("ram", 51_200, -1, Integer.MAX_VALUE));
    defaults.put(QuotaResource.VOLUMES, config.integer("volumes", 100, -1, Integer.MAX_VALUE));
    defaults.put(QuotaResource.BACKUPS, config.integer("backups", 50, -1, 1_000_000));
    config.requireAllKnown();
    return new QuotaConfig(defaults);
  }
}
