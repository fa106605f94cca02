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
package dev.steward.core.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.core.model.Fault;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A backup of an instance, as the library shows it.
 *
 * @param streamBytes bytes the tool produced so far (progress while BUILDING, the total after)
 * @param storedBytes bytes stored (compressed and encrypted chunks), once COMPLETED
 * @param estimatedBytes the strategy's size estimate of the stream, when it gave one
 */
public record Backup(
    String id,
    String tenantId,
    String instanceId,
    String name,
    Optional<String> description,
    String datastore,
    String datastoreVersion,
    String strategy,
    Optional<String> parentId,
    BackupState state,
    long streamBytes,
    Optional<Long> storedBytes,
    Optional<Long> estimatedBytes,
    Optional<Fault> fault,
    Optional<String> activeOperation,
    Instant created,
    Instant updated) {
  public Backup {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(instanceId, "instanceId is null");
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    requireNonNull(datastore, "datastore is null");
    requireNonNull(datastoreVersion, "datastoreVersion is null");
    requireNonNull(strategy, "strategy is null");
    requireNonNull(parentId, "parentId is null");
    requireNonNull(state, "state is null");
    requireNonNull(storedBytes, "storedBytes is null");
    requireNonNull(estimatedBytes, "estimatedBytes is null");
    requireNonNull(fault, "fault is null");
    requireNonNull(activeOperation, "activeOperation is null");
    requireNonNull(created, "created is null");
    requireNonNull(updated, "updated is null");
  }

  /** Progress in percent while BUILDING when the size is known (capped at 99), 100 once done. */
  public OptionalInt percent() {
    if (state == BackupState.COMPLETED) {
      return OptionalInt.of(100);
    }
    if (estimatedBytes.isEmpty() || estimatedBytes.get() <= 0) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) Math.min(99, streamBytes * 100 / estimatedBytes.get()));
  }

  /** The object-store prefix of this backup's chunks and manifest. */
  public String location() {
    return Backups.prefix(id);
  }
}
