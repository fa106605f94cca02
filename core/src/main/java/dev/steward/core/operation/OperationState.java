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
package dev.steward.core.operation;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The one state of an operation, with its transition table. */
public enum OperationState {
  /** Recorded, not yet claimed by a worker. */
  PENDING,
  /** Steps are executing (resumed from {@code next_step} after a crash). */
  RUNNING,
  /** A step failed for good; compensations run backwards from the failed step. */
  COMPENSATING,
  /** Every step completed. Terminal. */
  SUCCEEDED,
  /** Compensated after a failure. Terminal. */
  FAILED;

  private static final Map<OperationState, Set<OperationState>> TRANSITIONS =
      Map.of(
          PENDING, EnumSet.of(RUNNING, COMPENSATING),
          RUNNING, EnumSet.of(SUCCEEDED, COMPENSATING),
          COMPENSATING, EnumSet.of(FAILED),
          SUCCEEDED, EnumSet.noneOf(OperationState.class),
          FAILED, EnumSet.noneOf(OperationState.class));

  public boolean canBecome(OperationState next) {
    return TRANSITIONS.get(this).contains(next);
  }

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
