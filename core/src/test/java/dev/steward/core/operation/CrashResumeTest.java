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

import dev.steward.core.model.InstanceState;
import dev.steward.spi.StandardErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker that dies in the middle of any step (its action's effect done, nothing recorded after
 * it) leaves a lease that is no longer renewed. A fresh engine over the same store, whose clock is
 * past that lease, resumes at the step that crashed: every step runs at least once, steps recorded
 * DONE never run again, and the operation ends as it would have without the crash.
 */
class CrashResumeTest extends EngineTestBase {
  private static final String TYPE = "test.crash";
  private static final List<String> STEPS = List.of("zero", "one", "two", "three");
  private static final Duration PAST_THE_LEASE = Duration.ofSeconds(31);

  private final Script script = new Script();

  /** The plan: on success the instance becomes ACTIVE, on failure ERROR (as instance plans do). */
  private OperationPlan plan() {
    return script
        .plan(TYPE, STEPS)
        .onSuccess((handle, context) -> {
          script.execute("succeeded").run(context);
          harness
              .instances()
              .transition(
                  handle,
                  context.instanceId(),
                  InstanceState.ACTIVE,
                  Optional.empty(),
                  Instant.now());
        })
        .onFailure((handle, context, fault) -> {
          script.execute("failed:" + fault.code()).run(context);
          harness
              .instances()
              .transition(
                  handle,
                  context.instanceId(),
                  InstanceState.ERROR,
                  Optional.of(fault),
                  Instant.now());
        })
        .build();
  }

  /** Runs the operation on a first engine until the scripted crash, then on a second one. */
  /** Submits on an engine of node-a and returns once its worker crashed (the engine lives on). */
  private Operation crashOnNodeA(OperationPlan plan) {
    OperationEngine first = harness.engine(plan).node("node-a").start();
    Operation operation = harness.submit(first, TYPE);
    script.awaitCrash();
    return operation;
  }

  private Operation crashThenResume() {
    OperationPlan plan = plan();
    Operation operation = crashOnNodeA(plan);
    OperationEngine second =
        harness.engine(plan).node("node-b").clock(new ShiftableClock(PAST_THE_LEASE)).start();
    return harness.await(second, operation);
  }

  @ParameterizedTest(name = "crash while executing step {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void resumesExecutionAtTheStepThatCrashed(int crashed) {
    script.on("execute:" + STEPS.get(crashed), script.crash());

    Operation done = crashThenResume();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    for (int i = 0; i < STEPS.size(); i++) {
      assertThat(script.count("execute:" + STEPS.get(i)))
          .as("runs of step %s", STEPS.get(i))
          .isEqualTo(i == crashed ? 2 : 1);
    }
    assertThat(script.journal()).noneMatch(entry -> entry.startsWith("compensate:"));
    assertThat(script.count("execute:succeeded")).isEqualTo(1);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < STEPS.size(); i++) {
      expected.add(STEPS.get(i) + ":EXECUTE:STARTED");
      if (i == crashed) {
        // The resumed worker records the start again: the history shows the step ran twice.
        expected.add(STEPS.get(i) + ":EXECUTE:STARTED");
      }
      expected.add(STEPS.get(i) + ":EXECUTE:DONE");
    }
    assertThat(harness.history(done)).containsExactlyElementsOf(expected);
    assertThat(harness.instanceOf(done).state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(harness.instanceOf(done).activeOperation()).isEmpty();
  }

  @ParameterizedTest(name = "crash while compensating step {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void resumesCompensationAtTheStepThatCrashed(int crashed) {
    script.on("execute:three", Script.fail(StandardErrorCode.COMMAND_FAILED));
    script.on("compensate:" + STEPS.get(crashed), script.crash());

    Operation done = crashThenResume();

    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(done.errorCode()).contains("COMMAND_FAILED");
    STEPS.forEach(step -> assertThat(script.count("execute:" + step)).isEqualTo(1));
    for (int i = 0; i < STEPS.size(); i++) {
      assertThat(script.count("compensate:" + STEPS.get(i)))
          .as("compensations of step %s", STEPS.get(i))
          .isEqualTo(i == crashed ? 2 : 1);
    }
    List<String> compensations =
        script.journal().stream().filter(entry -> entry.startsWith("compensate:")).toList();
    List<String> expected = new ArrayList<>();
    IntStream.iterate(STEPS.size() - 1, i -> i >= 0, i -> i - 1)
        .forEach(i -> {
          expected.add("compensate:" + STEPS.get(i));
          if (i == crashed) {
            expected.add("compensate:" + STEPS.get(i));
          }
        });
    assertThat(compensations).containsExactlyElementsOf(expected);
    assertThat(script.count("execute:failed:COMMAND_FAILED")).isEqualTo(1);
    assertThat(harness.instanceOf(done).state()).isEqualTo(InstanceState.ERROR);
    assertThat(harness.instanceOf(done).fault().orElseThrow().code()).isEqualTo("COMMAND_FAILED");
    assertThat(harness.instanceOf(done).activeOperation()).isEmpty();
  }

  @Test
  void resumesTheEndAfterACrashInTheTerminalTransaction() {
    script.on("execute:succeeded", script.crash());

    Operation done = crashThenResume();

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    STEPS.forEach(step -> assertThat(script.count("execute:" + step)).isEqualTo(1));
    // The crashed end was rolled back whole and ran again: at least once, like every step.
    assertThat(script.count("execute:succeeded")).isEqualTo(2);
    assertThat(harness.history(done)).hasSize(2 * STEPS.size());
    assertThat(harness.instanceOf(done).state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(harness.instanceOf(done).activeOperation()).isEmpty();
  }

  @Test
  void aCrashedEndLeavesTheOperationRunningAndTheInstanceHeld() {
    script.on("execute:succeeded", script.crash());
    OperationEngine first = harness.engine(plan()).node("node-a").start();
    Operation operation = harness.submit(first, TYPE);
    script.awaitCrash();
    EngineHarness.pause(Duration.ofMillis(50));

    Operation stalled = harness.reload(operation);
    assertThat(stalled.state()).isEqualTo(OperationState.RUNNING);
    assertThat(stalled.nextStep()).isEqualTo(STEPS.size());
    assertThat(stalled.finished()).isEmpty();
    assertThat(harness.instanceOf(operation).state()).isEqualTo(InstanceState.BUILDING);
    assertThat(harness.instanceOf(operation).activeOperation()).contains(operation.id());
  }

  @Test
  void aNodeWithAStableIdResumesAtOnceAfterItsRestart() {
    script.on("execute:two", script.crash());
    OperationPlan plan = plan();
    Operation operation = crashOnNodeA(plan);
    EngineHarness.pause(Duration.ofMillis(50));
    // The lease of the crashed worker is still held (the operation is not runnable) until the
    // node comes back: its boot drops what it held, without waiting for the lease to expire.
    assertThat(harness.leases().runnable(Instant.now(), 10)).doesNotContain(operation.id());
    OperationEngine restarted = harness.engine(plan).node("node-a").start();

    Operation done = harness.awaitEnd(restarted, operation, OperationState.SUCCEEDED);
    assertThat(script.count("execute:zero")).isEqualTo(1);
    assertThat(script.count("execute:one")).isEqualTo(1);
    assertThat(script.count("execute:two")).isEqualTo(2);
    assertThat(script.count("execute:three")).isEqualTo(1);
  }

  @Test
  void aFreshEngineWaitsForTheLeaseOfTheCrashedWorker() {
    script.on("execute:one", script.crash());
    OperationPlan plan = plan();
    Operation operation = crashOnNodeA(plan);
    ShiftableClock clock = new ShiftableClock();
    OperationEngine second = harness.engine(plan).node("node-b").clock(clock).start();
    EngineHarness.pause(Duration.ofMillis(100));
    assertThat(script.count("execute:one")).isEqualTo(1);
    assertThat(harness.reload(operation).nextStep()).isEqualTo(1);

    clock.advance(PAST_THE_LEASE);

    assertThat(harness.await(second, operation).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(script.count("execute:one")).isEqualTo(2);
  }
}
