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

/**
 * A backup as the restoring create needs it.
 *
 * @param backupId the backup to restore (the last of its chain)
 * @param datastore the datastore it holds
 * @param datastoreVersion the datastore version it holds
 * @param sealedAdminSecret the source instance's admin secret, encrypted: the restored engine's
 *     accounts are the source's
 */
public record RestorePoint(
    String backupId, String datastore, String datastoreVersion, String sealedAdminSecret) {
  public RestorePoint {
    requireNonNull(backupId, "backupId is null");
    requireNonNull(datastore, "datastore is null");
    requireNonNull(datastoreVersion, "datastoreVersion is null");
    requireNonNull(sealedAdminSecret, "sealedAdminSecret is null");
  }

  /** Never the sealed secret. */
  @Override
  public String toString() {
    return "RestorePoint[backupId="
        + backupId
        + ", datastore="
        + datastore
        + ", datastoreVersion="
        + datastoreVersion
        + "]";
  }
}
