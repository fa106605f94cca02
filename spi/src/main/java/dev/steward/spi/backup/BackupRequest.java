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
package dev.steward.spi.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.InstanceContext;
import java.util.Map;
import java.util.Optional;

/**
 * One backup to take.
 *
 * @param backupId the backup's id (for messages and tool labels)
 * @param instance the running source instance
 * @param tools how to reach its engine (from the datastore's {@code BackupSupport})
 * @param parent for an incremental backup, the metadata its parent's backup returned (such as the
 *     last LSN it covers); empty for a full backup
 */
public record BackupRequest(
    String backupId,
    InstanceContext instance,
    ToolEnvironment tools,
    Optional<Map<String, String>> parent) {
  public BackupRequest {
    requireNonNull(backupId, "backupId is null");
    requireNonNull(instance, "instance is null");
    requireNonNull(tools, "tools is null");
    parent = requireNonNull(parent, "parent is null").map(Map::copyOf);
  }
}
