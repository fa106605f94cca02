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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compensation runs backwards from the step that failed for good, over the steps that started only;
 * a compensation that cannot succeed is recorded and skipped, the others still run; the plan's
 * failure hook gets the error the operation failed with.
 */
class CompensationTest extends EngineTestBase {
  private static final String TYPE = "test.compensation";
  private static final List<String> STEPS = List.of("zero", "one", "two", "three", "four");

  private final Script script = new Script();
  private final RecordingListener listener = new RecordingListener();
  private OperationEngine engine;

  @BeforeEach
  void setUp() {
    engine = harness.engine(script.plan(TYPE, STEPS).build()).listener(listener).start();
  }

  private Operation runToFailure() {
    return harness.awaitEnd(engine, harness.submit(engine, TYPE), OperationState.FAILED);
  }

  private Operation run() {
    return harness.await(engine, harness.submit(engine, TYPE));
  }

  @Test
  void compensatesInReverseOnlyTheStepsThatStarted() {
    script.on("execute:two", Script.fail(StandardErrorCode.COMMAND_FAILED));

    Operation done = runToFailure();
    assertThat(script.journal())
        .containsExactly(
            "execute:zero",
            "execute:one",
            "execute:two",
            "compensate:two",
            "compensate:one",
            "compensate:zero",
            "failed:COMMAND_FAILED");
    assertThat(harness.history(done))
        .containsExactly(
            "zero:EXECUTE:STARTED",
            "zero:EXECUTE:DONE",
            "one:EXECUTE:STARTED",
            "one:EXECUTE:DONE",
            "two:EXECUTE:STARTED",
            "two:EXECUTE:FAILED",
            "two:COMPENSATE:STARTED",
            "two:COMPENSATE:DONE",
            "one:COMPENSATE:STARTED",
            "one:COMPENSATE:DONE",
            "zero:COMPENSATE:STARTED",
            "zero:COMPENSATE:DONE");
    assertThat(harness.instanceOf(done).activeOperation()).isEmpty();
  }

  @Test
  void aFailureOfTheFirstStepCompensatesOnlyIt() {
    script.on("execute:zero", Script.fail(StandardErrorCode.INVALID_ARGUMENT));

    Operation done = runToFailure();
    assertThat(done.errorCode()).contains("INVALID_ARGUMENT");
    assertThat(done.errorMessage()).contains("scripted failure");
    assertThat(script.journal())
        .containsExactly("execute:zero", "compensate:zero", "failed:INVALID_ARGUMENT");
  }

  @Test
  void aFailureOfTheLastStepCompensatesThemAll() {
    script.on("execute:four", Script.fail(StandardErrorCode.COMMAND_FAILED));

    Operation done = runToFailure();
    assertThat(script.journal().stream().filter(entry -> entry.startsWith("compensate:")))
        .containsExactly(
            "compensate:four",
            "compensate:three",
            "compensate:two",
            "compensate:one",
            "compensate:zero");
  }

  @Test
  void aCompensationThatFailsForGoodIsRecordedAndSkipped() {
    script.on("execute:three", Script.fail(StandardErrorCode.COMMAND_FAILED));
    script.on("compensate:two", Script.fail(StandardErrorCode.PLATFORM_FAILURE));

    Operation done = runToFailure();
    // The operation failed with the step's error, not the compensation's.
    assertThat(done.errorCode()).contains("COMMAND_FAILED");
    assertThat(script.journal())
        .containsSubsequence("compensate:three", "compensate:two", "compensate:one")
        .endsWith("compensate:zero", "failed:COMMAND_FAILED");
    assertThat(harness.history(done)).contains("two:COMPENSATE:FAILED");
    assertThat(harness.operations().history(done.id()))
        .filteredOn(line -> line.outcome() == StepOutcome.FAILED)
        .extracting(line -> line.step() + " " + line.message().orElse(""))
        .containsExactly(
            "three COMMAND_FAILED: scripted failure", "two PLATFORM_FAILURE: scripted failure");
  }

  @Test
  void aRetryableCompensationFailureIsRetriedBeforeTheNextOne() {
    script.on("execute:one", Script.fail(StandardErrorCode.COMMAND_FAILED));
    script.on("compensate:one", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE, 2));

    Operation done = runToFailure();
    assertThat(script.journal())
        .containsExactly(
            "execute:zero",
            "execute:one",
            "compensate:one",
            "compensate:one",
            "compensate:one",
            "compensate:zero",
            "failed:COMMAND_FAILED");
    assertThat(harness.history(done))
        .containsSubsequence(
            "one:COMPENSATE:RETRY",
            "one:COMPENSATE:RETRY",
            "one:COMPENSATE:DONE",
            "zero:COMPENSATE:DONE");
  }

  @Test
  void anUnexpectedExceptionIsAnInternalErrorAndCompensatesAtOnce() {
    script.on("execute:one", Script.unexpected());

    Operation done = runToFailure();
    assertThat(done.errorCode()).contains("INTERNAL_ERROR");
    assertThat(done.errorMessage()).contains("Unexpected failure: IllegalStateException");
    assertThat(script.count("execute:one")).isEqualTo(1);
    assertThat(script.journal())
        .endsWith("compensate:one", "compensate:zero", "failed:INTERNAL_ERROR");
  }

  @Test
  void skippedStepsAreNotCompensated() {
    script.on("execute:three", Script.fail(StandardErrorCode.COMMAND_FAILED));
    Operation operation = harness.submit(engine, TYPE, Set.of("one", "two"), Map.of("label", "x"));

    Operation done = harness.awaitEnd(engine, operation, OperationState.FAILED);
    assertThat(script.journal())
        .containsExactly(
            "execute:zero",
            "execute:three",
            "compensate:three",
            "compensate:zero",
            "failed:COMMAND_FAILED");
  }

  @Test
  void listenersHearTheCompensationsAndTheEnd() {
    script.on("execute:one", Script.fail(StandardErrorCode.COMMAND_FAILED));

    run();

    EngineHarness.eventually(
        "the listener heard the end", () -> listener.events().getLast().startsWith("ended"));
    assertThat(listener.events())
        .containsExactly(
            "zero EXECUTE STARTED",
            "zero EXECUTE DONE",
            "one EXECUTE STARTED",
            "one EXECUTE FAILED",
            "one COMPENSATE STARTED",
            "one COMPENSATE DONE",
            "zero COMPENSATE STARTED",
            "zero COMPENSATE DONE",
            "ended FAILED");
  }
}
