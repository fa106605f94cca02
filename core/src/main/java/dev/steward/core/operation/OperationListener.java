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

/**
 * Observes operations (metrics, audit, tests). Called on the worker's thread right after the store
 * recorded the event; must be quick and must not throw.
 */
public interface OperationListener {
  /** A step is about to run. */
  default void stepStarted(Operation operation, String step, StepPhase phase) {}

  /** A step ended with {@code outcome} DONE, RETRY or FAILED. */
  default void stepEnded(Operation operation, String step, StepPhase phase, StepOutcome outcome) {}

  /** The operation reached SUCCEEDED or FAILED. */
  default void operationEnded(Operation operation) {}
}
