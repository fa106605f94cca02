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

/** How a step's run is recorded in an operation's history. */
public enum StepOutcome {
  /** The step is about to run; one of the others follows unless the worker died. */
  STARTED,
  /** The step completed. */
  DONE,
  /** The step failed with a retryable error; the operation backs off and runs it again. */
  RETRY,
  /** The step failed for good (or ran out of attempts). */
  FAILED,
  /**
   * A note the running step left for the caller, e.g. what a restore could not carry over from its
   * source ({@link StepContext#notice}); the step goes on.
   */
  NOTICE;

  /** Whether this outcome ends a step's run (every outcome but {@link #STARTED} and a notice). */
  public boolean ends() {
    return this != STARTED && this != NOTICE;
  }
}
