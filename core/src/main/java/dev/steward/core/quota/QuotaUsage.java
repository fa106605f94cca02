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

/**
 * One line of a tenant's quota (Trove's {@code GET mgmt/quotas/{id}}).
 *
 * @param inUse what the tenant uses now
 * @param reserved always 0: admission is atomic with the create, so nothing is held in between
 * @param limit the tenant's limit; -1 for unlimited
 */
public record QuotaUsage(QuotaResource resource, long inUse, long reserved, int limit) {
  public QuotaUsage {
    requireNonNull(resource, "resource is null");
  }
}
