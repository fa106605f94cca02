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

import dev.steward.spi.StewardException;

/**
 * Executes an operation's steps forward, one per call. A step's completion, the move to the next
 * step and that step's STARTED record commit together; a final failure turns the operation to
 * COMPENSATING at the failed step; after the last step the operation succeeds.
 */
final class StepExecution {
  private final OperationJournal journal;
  private final StepRunner runner;

  StepExecution(OperationJournal journal, StepRunner runner) {
    this.journal = requireNonNull(journal, "journal is null");
    this.runner = requireNonNull(runner, "runner is null");
  }

  /** Executes the next step; true when the worker should go on with the operation. */
  boolean next(Claim claim, Operation operation) {
    int index = operation.nextStep();
    if (index >= operation.steps().size()) {
      journal.succeed(claim, operation);
      return false;
    }
    String name = operation.steps().get(index);
    Step step = claim.step(operation);
    if (claim.startRecorded(index)) {
      journal.announceStarted(operation, name, StepPhase.EXECUTE);
    } else if (!journal.started(claim, operation, name, StepPhase.EXECUTE)) {
      return false;
    }
    return switch (runner.run(claim, operation, StepPhase.EXECUTE, step.execute())) {
      case StepRunner.Attempt.Done done -> {
        boolean advanced = journal.completed(claim, operation, name);
        claim.startRecordedFor(index + 1);
        yield advanced;
      }
      case StepRunner.Attempt.BackedOff backedOff -> false;
      case StepRunner.Attempt.Failed(StewardException error) ->
          journal.compensate(claim, operation, error);
    };
  }
}
