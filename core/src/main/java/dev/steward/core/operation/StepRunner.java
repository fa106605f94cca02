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

import dev.steward.core.operation.Step.StepAction;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step action (execution or compensation alike) under the engine's one {@link
 * RetryPolicy}: a failure to retry is recorded RETRY and the operation backs off (its lease is
 * released until the back-off ends); a final failure is recorded FAILED and handed back.
 */
final class StepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

  private final OperationLeases leases;
  private final OperationJournal journal;
  private final RetryPolicy retry;
  private final Clock clock;

  StepRunner(OperationLeases leases, OperationJournal journal, RetryPolicy retry, Clock clock) {
    this.leases = requireNonNull(leases, "leases is null");
    this.journal = requireNonNull(journal, "journal is null");
    this.retry = requireNonNull(retry, "retry is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** How one run of an action ended. */
  sealed interface Attempt {
    /** The action completed. */
    record Done() implements Attempt {}

    /** The action failed with an error to retry; the operation backs off. */
    record BackedOff() implements Attempt {}

    /** The action failed for good. */
    record Failed(StewardException error) implements Attempt {
      public Failed {
        requireNonNull(error, "error is null");
      }
    }
  }

  /**
   * Runs {@code action} of the step {@code operation.nextStep()} points at. DONE is not recorded
   * here: its caller records it together with the operation's progress.
   */
  Attempt run(Claim claim, Operation operation, StepPhase phase, StepAction action) {
    String step = operation.steps().get(operation.nextStep());
    try {
      action.run(claim.context());
      return new Attempt.Done();
    } catch (RuntimeException e) {
      StewardException error = coded(e);
      int failures = operation.attempts() + 1;
      Optional<Duration> backoff = retry.retryAfter(error, failures);
      if (backoff.isPresent()) {
        if (journal.ended(claim, operation, step, phase, StepOutcome.RETRY, Optional.of(error))) {
          leases.backOff(
              claim.id(),
              claim.owner(),
              failures,
              clock.instant().plus(backoff.get()),
              clock.instant());
        }
        return new Attempt.BackedOff();
      }
      journal.ended(claim, operation, step, phase, StepOutcome.FAILED, Optional.of(error));
      return new Attempt.Failed(error);
    }
  }

  private static StewardException coded(RuntimeException e) {
    if (e instanceof StewardException coded) {
      return coded;
    }
    LOG.error("Unexpected failure in a step", e);
    return new StewardException(
        StandardErrorCode.INTERNAL_ERROR, "Unexpected failure: " + e.getClass().getSimpleName(), e);
  }
}
