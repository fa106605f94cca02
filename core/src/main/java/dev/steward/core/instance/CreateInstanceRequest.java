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

import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserSpec;
import java.util.List;
import java.util.Optional;

/**
 * A request to create an instance (Trove's {@code POST instances}).
 *
 * @param datastore the datastore type; may be omitted when exactly one datastore is enabled
 * @param version the datastore version name; the datastore's default when omitted
 * @param flavorId the flavor; {@code steward.default-flavor} when omitted
 * @param volumeGb the volume size; {@code steward.default-volume-gb} when omitted
 * @param databases databases created before the instance becomes ACTIVE
 * @param users users created (with their grants) before the instance becomes ACTIVE
 * @param restorePoint a COMPLETED backup (of the same datastore version) whose data the new
 *     instance starts with; for an incremental backup, its whole chain is applied
 */
public record CreateInstanceRequest(
    String tenantId,
    String name,
    Optional<String> datastore,
    Optional<String> version,
    Optional<String> flavorId,
    Optional<Integer> volumeGb,
    List<DatabaseSpec> databases,
    List<UserSpec> users,
    Optional<String> restorePoint) {
  public CreateInstanceRequest {
    requireNonNull(restorePoint, "restorePoint is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(name, "name is null");
    requireNonNull(datastore, "datastore is null");
    requireNonNull(version, "version is null");
    requireNonNull(flavorId, "flavorId is null");
    requireNonNull(volumeGb, "volumeGb is null");
    databases = List.copyOf(requireNonNull(databases, "databases is null"));
    users = List.copyOf(requireNonNull(users, "users is null"));
  }

  /** A request for the defaults, with a name only. */
  public static CreateInstanceRequest named(String tenantId, String name, String datastore) {
    return new CreateInstanceRequest(
        tenantId,
        name,
        Optional.of(datastore),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty());
  }

  public CreateInstanceRequest withDatabases(List<DatabaseSpec> newDatabases) {
    return new CreateInstanceRequest(
        tenantId, name, datastore, version, flavorId, volumeGb, newDatabases, users, restorePoint);
  }

  public CreateInstanceRequest withUsers(List<UserSpec> newUsers) {
    return new CreateInstanceRequest(
        tenantId, name, datastore, version, flavorId, volumeGb, databases, newUsers, restorePoint);
  }

  public CreateInstanceRequest withFlavor(String newFlavorId) {
    return new CreateInstanceRequest(
        tenantId,
        name,
        datastore,
        version,
        Optional.of(newFlavorId),
        volumeGb,
        databases,
        users,
        restorePoint);
  }

  public CreateInstanceRequest withVolumeGb(int newVolumeGb) {
    return new CreateInstanceRequest(
        tenantId,
        name,
        datastore,
        version,
        flavorId,
        Optional.of(newVolumeGb),
        databases,
        users,
        restorePoint);
  }

  /** Restore from a backup ({@code restorePoint} in Trove's create request). */
  public CreateInstanceRequest withRestorePoint(String backupId) {
    return new CreateInstanceRequest(
        tenantId,
        name,
        datastore,
        version,
        flavorId,
        volumeGb,
        databases,
        users,
        Optional.of(backupId));
  }
}
