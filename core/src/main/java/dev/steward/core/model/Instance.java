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
package dev.steward.core.model;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.platform.Resources;
import java.time.Instant;
import java.util.Optional;

/**
 * An instance as stored. The admin password is not part of the record: it stays encrypted in the
 * store and is decrypted only where an operation needs it.
 *
 * @param address the instance's address once its host is provisioned
 * @param activeOperation the id of the mutating operation holding the instance, if any
 */
public record Instance(
    String id,
    String tenantId,
    String name,
    String datastore,
    String datastoreVersion,
    String flavorId,
    Resources resources,
    InstanceState state,
    Optional<String> address,
    Optional<Fault> fault,
    Optional<String> activeOperation,
    Instant created,
    Instant updated) {
  public Instance {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(name, "name is null");
    requireNonNull(datastore, "datastore is null");
    requireNonNull(datastoreVersion, "datastoreVersion is null");
    requireNonNull(flavorId, "flavorId is null");
    requireNonNull(resources, "resources is null");
    requireNonNull(state, "state is null");
    requireNonNull(address, "address is null");
    requireNonNull(fault, "fault is null");
    requireNonNull(activeOperation, "activeOperation is null");
    requireNonNull(created, "created is null");
    requireNonNull(updated, "updated is null");
  }

  /** Trove's public {@code status}. */
  public String status() {
    return state.troveStatus();
  }
}
