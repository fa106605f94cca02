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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;

/** An operation as the worker that holds its lease sees it, from claim to release. */
final class Claim {
  private final String id;
  private final String owner;
  private final OperationPlan plan;
  private final StepContext context;

  /**
   * The index of the step whose STARTED record the previous transaction already wrote (it commits
   * together with the previous step's completion), or -1. A resumed worker starts at -1, so the
   * history shows a step that ran again after a crash.
   */
  private int startRecorded = -1;

  Claim(String id, String owner, OperationPlan plan, StepContext context) {
    this.id = requireNonNull(id, "id is null");
    this.owner = requireNonNull(owner, "owner is null");
    this.plan = requireNonNull(plan, "plan is null");
    this.context = requireNonNull(context, "context is null");
  }

  String id() {
    return id;
  }

  /** The lease owner every write of this worker is fenced by. */
  String owner() {
    return owner;
  }

  OperationPlan plan() {
    return plan;
  }

  StepContext context() {
    return context;
  }

  /** The step the operation's {@code nextStep} points at. */
  Step step(Operation operation) {
    String name = operation.steps().get(operation.nextStep());
    return plan.step(name)
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.INTERNAL_ERROR,
                "Operation " + operation.id() + " names unknown step " + name));
  }

  boolean startRecorded(int index) {
    return startRecorded == index;
  }

  void startRecordedFor(int index) {
    startRecorded = index;
  }
}
