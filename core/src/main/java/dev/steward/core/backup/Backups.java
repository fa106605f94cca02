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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;

/** Object-store names of a backup's objects, and its coded errors. */
final class Backups {
  private Backups() {}

  static String prefix(String backupId) {
    return "backups/" + backupId + "/";
  }

  static String chunkKey(String backupId, int index) {
    return prefix(backupId) + String.format("chunk-%08d", index);
  }

  static String manifestKey(String backupId) {
    return prefix(backupId) + "manifest.json";
  }

  static StewardException corrupt(String backupId, String problem) {
    return new StewardException(
        StandardErrorCode.BACKUP_CORRUPT, "Backup " + backupId + " is damaged: " + problem);
  }

  static StewardException notFound(String backupId) {
    return new StewardException(
        StandardErrorCode.NOT_FOUND, "Backup " + backupId + " could not be found");
  }
}
