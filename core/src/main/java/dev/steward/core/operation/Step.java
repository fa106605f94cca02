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

/**
 * One step of an operation plan. Both actions must be idempotent: after a crash the step that was
 * running is executed again, and a compensation may run over a step that never completed.
 */
public record Step(String name, StepAction execute, StepAction compensate) {
  private static final StepAction NOTHING = context -> {};

  public Step {
    requireNonNull(name, "name is null");
    requireNonNull(execute, "execute is null");
    requireNonNull(compensate, "compensate is null");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("step names are lower-case words with dashes: " + name);
    }
  }

  public static Step of(String name, StepAction execute) {
    return new Step(name, execute, NOTHING);
  }

  public static Step of(String name, StepAction execute, StepAction compensate) {
    return new Step(name, execute, compensate);
  }

  /** What a step does; runs on a worker's virtual thread. */
  @FunctionalInterface
  public interface StepAction {
    void run(StepContext context);
  }
}
