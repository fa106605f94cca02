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

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** One line of an operation's history: a step's execution or compensation and how it ended. */
public record StepRecord(
    int sequence,
    String step,
    StepPhase phase,
    StepOutcome outcome,
    Optional<String> message,
    Instant at) {
  public StepRecord {
    requireNonNull(step, "step is null");
    requireNonNull(phase, "phase is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(message, "message is null");
    requireNonNull(at, "at is null");
  }
}
