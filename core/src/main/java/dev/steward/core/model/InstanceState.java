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

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one state of an instance, with its declared transition table. The store changes it only by
 * compare-and-set from an expected state, and only along the table; Trove's public {@code status}
 * is computed from it ({@link #troveStatus()}).
 */
public enum InstanceState {
  /** The create operation is running. */
  BUILDING,
  /** The engine runs and the instance accepts requests. */
  ACTIVE,
  /**
   * A warm-pool instance: provisioned, prepared and running, owned by no tenant yet. A create
   * request claims it (to ACTIVE, or to BUILDING while its databases and users are created), the
   * pool trims it (to DELETING). Never visible to a tenant.
   */
  POOLED,
  /** A backup of the instance is being taken; the engine keeps serving. */
  BACKUP,
  /** A restart operation is running. */
  RESTARTING,
  /** The delete operation is running. */
  DELETING,
  /** An operation failed; see the instance's fault. Delete, restart and reset are allowed. */
  ERROR,
  /** Gone: every resource is released. Terminal. */
  DELETED;

  private static final Map<InstanceState, Set<InstanceState>> TRANSITIONS =
      Map.of(
          BUILDING, EnumSet.of(ACTIVE, POOLED, ERROR, DELETING),
          POOLED, EnumSet.of(ACTIVE, BUILDING, DELETING, ERROR),
          ACTIVE, EnumSet.of(RESTARTING, BACKUP, DELETING, ERROR),
          BACKUP, EnumSet.of(ACTIVE, ERROR),
          RESTARTING, EnumSet.of(ACTIVE, ERROR),
          DELETING, EnumSet.of(DELETED, ERROR),
          ERROR, EnumSet.of(DELETING, RESTARTING, ERROR),
          DELETED, EnumSet.noneOf(InstanceState.class));

  public boolean canBecome(InstanceState next) {
    return TRANSITIONS.get(this).contains(next);
  }

  /** Trove's instance {@code status} value for this state. */
  public String troveStatus() {
    return switch (this) {
      case BUILDING -> "BUILD";
      case ACTIVE, POOLED -> "ACTIVE";
      case BACKUP -> "BACKUP";
      case RESTARTING -> "REBOOT";
      case DELETING -> "SHUTDOWN";
      case ERROR -> "ERROR";
      case DELETED -> "DELETED";
    };
  }
}
