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

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one state of a backup, with its transition table (Trove's backup {@code status} values, plus
 * DELETING and DELETED). COMPLETED is reached only after the manifest is durable; a backup whose
 * operation fails ends FAILED with its stored chunks removed.
 */
public enum BackupState {
  /** Recorded; its operation has not started. */
  NEW,
  /** The tool runs and chunks are being stored. */
  BUILDING,
  /**
   * The stream ended; the manifest is being written. A repeated step finds a durable manifest and
   * keeps it, or (none) starts over in BUILDING.
   */
  SAVING,
  /** The manifest is durable: the backup can be restored. */
  COMPLETED,
  /** The backup failed; nothing of it is stored. It can be deleted. */
  FAILED,
  /** Its stored objects are being removed. */
  DELETING,
  /** Removing its objects failed; deleting again is allowed. */
  DELETE_FAILED,
  /** Gone. Terminal. */
  DELETED;

  private static final Map<BackupState, Set<BackupState>> TRANSITIONS =
      Map.of(
          NEW, EnumSet.of(BUILDING, FAILED),
          BUILDING, EnumSet.of(BUILDING, SAVING, FAILED),
          SAVING, EnumSet.of(COMPLETED, FAILED, BUILDING),
          COMPLETED, EnumSet.of(DELETING),
          FAILED, EnumSet.of(DELETING),
          DELETING, EnumSet.of(DELETED, DELETE_FAILED),
          DELETE_FAILED, EnumSet.of(DELETING),
          DELETED, EnumSet.noneOf(BackupState.class));

  public boolean canBecome(BackupState next) {
    return TRANSITIONS.get(this).contains(next);
  }
}
