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

import java.util.Optional;

/** The resources a tenant's quota limits, with Trove's names ({@code instances, ram, ...}). */
public enum QuotaResource {
  /** Instances that are not deleted. */
  INSTANCES("instances"),
  /** RAM of those instances' flavors, in MB. */
  RAM("ram"),
  /** Volume size of those instances, in GB. */
  VOLUMES("volumes"),
  /** Backups that are kept: not deleted and not failed. */
  BACKUPS("backups");

  private final String troveName;

  QuotaResource(String troveName) {
    this.troveName = troveName;
  }

  /** The name in Trove's quota and limit documents. */
  public String troveName() {
    return troveName;
  }

  /** The resource with this Trove name, if any. */
  public static Optional<QuotaResource> byTroveName(String name) {
    for (QuotaResource resource : values()) {
      if (resource.troveName.equals(name)) {
        return Optional.of(resource);
      }
    }
    return Optional.empty();
  }
}
