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

import java.util.Map;

/**
 * What a strategy reports about a finished backup stream. Core stores it in the manifest; it comes
 * back as the parent metadata of an incremental backup and with every part of a restore.
 *
 * @param metadata small facts such as positions (LSN, GTID, binlog file) or the databases dumped;
 *     no secrets
 */
public record BackupResult(Map<String, String> metadata) {
  public BackupResult {
    metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
  }

  public static BackupResult empty() {
    return new BackupResult(Map.of());
  }
}
