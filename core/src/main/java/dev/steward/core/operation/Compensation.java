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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compensates a failed operation, one step per call, backwards from the step that failed: steps
 * after it never started and are left alone. A compensation that cannot succeed is recorded and
 * skipped so that the others still run; after the first step the operation ends FAILED.
 */
final class Compensation {
  private static final Logger LOG = LoggerFactory.getLogger(Compensation.class);

  private final OperationJournal journal;
  private final StepRunner runner;

  Compensation(OperationJournal journal, StepRunner runner) {
    this.journal = requireNonNull(journal, "journal is null");
    this.runner = requireNonNull(runner, "runner is null");
  }

  /** Compensates the next step; true when the worker should go on with the operation. */
  boolean next(Claim claim, Operation operation) {
    int index = operation.nextStep();
    if (index < 0) {
      journal.fail(claim, operation);
      return false;
    }
    String name = operation.steps().get(index);
    Step step = claim.step(operation);
    if (!journal.started(claim, operation, name, StepPhase.COMPENSATE)) {
      return false;
    }
    switch (runner.run(claim, operation, StepPhase.COMPENSATE, step.compensate())) {
      case StepRunner.Attempt.Done done -> {
        if (!journal.ended(claim, operation, name, StepPhase.COMPENSATE, StepOutcome.DONE)) {
          return false;
        }
      }
      case StepRunner.Attempt.BackedOff backedOff -> {
        return false;
      }
      case StepRunner.Attempt.Failed(StewardException error) ->
          LOG.error(
              "Compensation {} of operation {} failed: {}", name, claim.id(), error.getMessage());
    }
    return journal.advance(claim, operation, OperationState.COMPENSATING, index - 1);
  }
}
