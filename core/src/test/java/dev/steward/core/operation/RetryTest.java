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

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.StandardErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The retry policy as the engine applies it: a retryable failure releases the operation until its
 * back-off ends and counts the attempt, up to the limit; a permanent one compensates at once.
 */
class RetryTest extends EngineTestBase {
  private static final String TYPE = "test.retry";
  private static final List<String> STEPS = List.of("first", "second");

  private final Script script = new Script();

  private OperationEngine engine(String backoff) {
    return harness
        .engine(script.plan(TYPE, STEPS).build())
        .set("retry-backoff", backoff)
        .set("max-attempts", "3")
        .start();
  }

  @Test
  void retriesUpToTheLimitThenSucceeds() {
    script.on("execute:second", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE, 2));
    OperationEngine engine = engine("5ms");

    Operation done =
        harness.awaitEnd(engine, harness.submit(engine, TYPE), OperationState.SUCCEEDED);
    assertThat(script.count("execute:second")).isEqualTo(3);
    assertThat(harness.history(done))
        .containsExactly(
            "first:EXECUTE:STARTED",
            "first:EXECUTE:DONE",
            "second:EXECUTE:STARTED",
            "second:EXECUTE:RETRY",
            "second:EXECUTE:STARTED",
            "second:EXECUTE:RETRY",
            "second:EXECUTE:STARTED",
            "second:EXECUTE:DONE");
  }

  @Test
  void eachRetryWaitsForItsDoublingBackOff() {
    script.on("execute:first", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE, 2));
    OperationEngine engine = engine("40ms");

    Operation done =
        harness.awaitEnd(engine, harness.submit(engine, TYPE), OperationState.SUCCEEDED);
    List<StepRecord> history = harness.operations().history(done.id());
    Instant firstRetry = history.get(1).at();
    Instant secondStart = history.get(2).at();
    Instant secondRetry = history.get(3).at();
    Instant thirdStart = history.get(4).at();
    assertThat(history.get(1).outcome()).isEqualTo(StepOutcome.RETRY);
    assertThat(history.get(3).outcome()).isEqualTo(StepOutcome.RETRY);
    assertThat(Duration.between(firstRetry, secondStart)).isGreaterThanOrEqualTo(ms(40));
    assertThat(Duration.between(secondRetry, thirdStart)).isGreaterThanOrEqualTo(ms(80));
  }

  @Test
  void aBackingOffOperationIsReleasedUntilItsBackOffEnds() {
    script.on("execute:first", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE));
    ShiftableClock clock = new ShiftableClock();
    OperationEngine engine =
        harness
            .engine(script.plan(TYPE, STEPS).build())
            .clock(clock)
            .set("retry-backoff", "1h")
            .start();
    Operation operation = harness.submit(engine, TYPE);
    EngineHarness.eventually(
        "the first attempt failed", () -> harness.reload(operation).attempts() == 1);
    EngineHarness.pause(Duration.ofMillis(100));

    Operation waiting = harness.reload(operation);
    assertThat(waiting.state()).isEqualTo(OperationState.RUNNING);
    assertThat(waiting.nextStep()).isZero();
    // An hour asked for, the cap of 30 s applied.
    assertThat(waiting.notBefore())
        .isAfter(clock.instant().plus(Duration.ofSeconds(29)))
        .isBefore(clock.instant().plus(Duration.ofSeconds(31)));
    assertThat(script.count("execute:first")).isEqualTo(1);
    assertThat(harness.leases().runnable(clock.instant(), 10)).doesNotContain(operation.id());

    clock.advance(RetryPolicy.MAX_BACKOFF);

    assertThat(harness.await(engine, operation).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(script.count("execute:first")).isEqualTo(2);
  }

  @Test
  void exhaustedRetriesCompensateWithTheLastError() {
    script.on("execute:second", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE, 10));
    OperationEngine engine = engine("5ms");

    Operation done = harness.awaitEnd(engine, harness.submit(engine, TYPE), OperationState.FAILED);
    assertThat(done.errorCode()).contains("ENGINE_UNAVAILABLE");
    assertThat(script.count("execute:second")).isEqualTo(3);
    assertThat(harness.history(done))
        .containsSubsequence(
            "second:EXECUTE:RETRY",
            "second:EXECUTE:RETRY",
            "second:EXECUTE:FAILED",
            "second:COMPENSATE:DONE",
            "first:COMPENSATE:DONE");
    assertThat(script.journal()).endsWith("failed:ENGINE_UNAVAILABLE");
  }

  @Test
  void aPermanentFailureIsNeitherRetriedNorBackedOff() {
    script.on("execute:first", Script.fail(StandardErrorCode.COMMAND_FAILED));
    OperationEngine engine = engine("1h");

    Operation done = harness.awaitEnd(engine, harness.submit(engine, TYPE), OperationState.FAILED);
    assertThat(done.attempts()).isZero();
    assertThat(script.journal())
        .containsExactly("execute:first", "compensate:first", "failed:COMMAND_FAILED");
    assertThat(harness.history(done)).doesNotContain("first:EXECUTE:RETRY");
  }

  @Test
  void everyStepHasItsOwnAttempts() {
    script.on("execute:first", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE, 2));
    script.on("execute:second", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE, 2));
    OperationEngine engine = engine("5ms");

    Operation done =
        harness.awaitEnd(engine, harness.submit(engine, TYPE), OperationState.SUCCEEDED);
    assertThat(done.attempts()).isZero();
    assertThat(script.count("execute:first")).isEqualTo(3);
    assertThat(script.count("execute:second")).isEqualTo(3);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
