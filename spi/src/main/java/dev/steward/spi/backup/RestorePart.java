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

import java.io.InputStream;
import java.util.Map;

/**
 * One backup of a restore chain (the full backup, then each incremental one). Its stream is the
 * strategy's original output, decrypted and decompressed by core, every chunk's SHA-256 and
 * authentication tag checked as it is read: a damaged chunk makes {@code read} throw
 * BACKUP_CORRUPT, never return wrong bytes.
 */
public interface RestorePart {
  String backupId();

  /** What the strategy returned in its {@link BackupResult} for this backup. */
  Map<String, String> metadata();

  /** Opens the stream; the strategy reads it to its end once and closes it. */
  InputStream open();
}
