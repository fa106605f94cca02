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
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Flavor;
import dev.steward.spi.platform.Resources;
import java.time.Instant;
import java.util.Optional;

/**
 * What a new instance is made of, resolved and validated: its owner, name, datastore, version,
 * flavor and volume.
 */
record InstanceShape(
    String tenantId,
    String name,
    Datastore datastore,
    DatastoreVersion version,
    Flavor flavor,
    int volumeGb) {
  InstanceShape {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(name, "name is null");
    requireNonNull(datastore, "datastore is null");
    requireNonNull(version, "version is null");
    requireNonNull(flavor, "flavor is null");
  }

  /** The instance of this shape with the given id, state and lock, created {@code now}. */
  Instance instance(String id, InstanceState state, Optional<String> operationId, Instant now) {
    return new Instance(
        id,
        tenantId,
        name,
        datastore.name(),
        version.name(),
        flavor.id(),
        new Resources(flavor.ramMb(), flavor.vcpus(), volumeGb),
        state,
        Optional.empty(),
        Optional.empty(),
        operationId,
        now,
        now);
  }
}
