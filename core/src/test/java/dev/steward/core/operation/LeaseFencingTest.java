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

import dev.steward.core.model.Instance;
import dev.steward.spi.StandardErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that stalls past its lease loses the operation to another worker. When it wakes up,
 * whatever its step did, it writes nothing: no step record, no progress, no error, no back-off, no
 * end, no hook, no lock release, and its listeners hear nothing of it.
 */
class LeaseFencingTest extends EngineTestBase {
  private static final String TYPE = "test.fencing";
  private static final List<String> STEPS = List.of("before", "stalls", "after");

  private final Script script = new Script();
  private final CountDownLatch stalled = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final RecordingListener stalledListener = new RecordingListener();
  private OperationEngine first;

  @AfterEach
  void tearDown() {
    release.countDown();
  }

  /**
   * Runs the operation on a first engine until its step {@code stalls} stalls, lets a second engine
   * (its clock past the lease) take it over and finish it, then wakes the stalled worker and waits
   * until it gave up. Returns what the second engine left, before the first woke.
   */
  private Snapshot takeOverThenWake(OperationPlan plan) {
    first = harness.engine(plan).node("node-a").listener(stalledListener).start();
    Operation operation = harness.submit(first, TYPE);
    await(stalled);
    List<String> stalledHeard = stalledListener.events();
    OperationEngine second =
        harness
            .engine(plan)
            .node("node-b")
            .clock(new ShiftableClock(Duration.ofSeconds(31)))
            .start();
    Operation done = harness.await(second, operation);
    Snapshot before = snapshot(done);

    release.countDown();
    // close waits until the stalled worker returned from its step and did what it still could.
    first.close(Duration.ofSeconds(5));

    assertThat(snapshot(done)).isEqualTo(before);
    assertThat(stalledListener.events()).isEqualTo(stalledHeard);
    return before;
  }

  private record Snapshot(Operation operation, List<StepRecord> history, Instance instance) {}

  private Snapshot snapshot(Operation operation) {
    return new Snapshot(
        harness.reload(operation),
        harness.operations().history(operation.id()),
        harness.instanceOf(operation));
  }

  @Test
  void aStalledStepThatCompletesRecordsNothing() {
    script.on("execute:stalls", Script.stall(stalled, release));

    Snapshot after = takeOverThenWake(script.plan(TYPE, STEPS).build());

    assertThat(after.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(script.count("execute:stalls")).isEqualTo(2);
    assertThat(script.count("execute:after")).isEqualTo(1);
    assertThat(script.count("succeeded")).isEqualTo(1);
    assertThat(after.history())
        .extracting(line -> line.step() + ":" + line.outcome())
        .containsExactly(
            "before:STARTED",
            "before:DONE",
            "stalls:STARTED",
            "stalls:STARTED",
            "stalls:DONE",
            "after:STARTED",
            "after:DONE");
  }

  @Test
  void aStalledStepThatFailsForGoodDoesNotCompensate() {
    script.on(
        "execute:stalls", Script.stallThenFail(stalled, release, StandardErrorCode.COMMAND_FAILED));

    Snapshot after = takeOverThenWake(script.plan(TYPE, STEPS).build());

    assertThat(after.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(after.operation().errorCode()).isEmpty();
    assertThat(script.journal()).noneMatch(entry -> entry.startsWith("compensate:"));
    assertThat(script.journal()).doesNotContain("failed:COMMAND_FAILED");
  }

  @Test
  void aStalledStepThatWouldRetryDoesNotBackOff() {
    script.on(
        "execute:stalls",
        Script.stallThenFail(stalled, release, StandardErrorCode.ENGINE_UNAVAILABLE));

    Snapshot after = takeOverThenWake(script.plan(TYPE, STEPS).build());

    assertThat(after.operation().attempts()).isZero();
    assertThat(after.history()).noneMatch(line -> line.outcome() == StepOutcome.RETRY);
  }

  @Test
  void aStalledCompensationRecordsNothing() {
    script.on("execute:after", Script.fail(StandardErrorCode.COMMAND_FAILED));
    script.on("compensate:stalls", Script.stall(stalled, release));

    Snapshot after = takeOverThenWake(script.plan(TYPE, STEPS).build());

    assertThat(after.operation().state()).isEqualTo(OperationState.FAILED);
    assertThat(script.count("compensate:stalls")).isEqualTo(2);
    assertThat(script.count("compensate:before")).isEqualTo(1);
    assertThat(script.count("failed:COMMAND_FAILED")).isEqualTo(1);
  }

  @Test
  void aStalledLastStepNeitherEndsTheOperationAgainNorRunsTheHook() {
    // The stall is in the last step: the stalled worker would end the operation next.
    script.on("execute:after", Script.stall(stalled, release));
    OperationPlan plan = script.plan(TYPE, STEPS).build();

    Snapshot after = takeOverThenWake(plan);

    assertThat(after.operation().state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(script.count("succeeded")).isEqualTo(1);
    assertThat(after.instance().activeOperation()).isEmpty();
  }

  @Test
  void aWorkerThatWakesWhileTheNewOwnerRunsTheSameStepChangesNothing() {
    script.on("execute:stalls", Script.stall(stalled, release));
    CountDownLatch secondStalled = new CountDownLatch(1);
    CountDownLatch secondRelease = new CountDownLatch(1);
    script.on("execute:stalls", Script.stall(secondStalled, secondRelease));
    OperationPlan plan = script.plan(TYPE, STEPS).build();
    first = harness.engine(plan).node("node-a").start();
    Operation operation = harness.submit(first, TYPE);
    await(stalled);
    ShiftableClock later = new ShiftableClock(Duration.ofSeconds(31));
    OperationEngine second = harness.engine(plan).node("node-b").clock(later).start();
    await(secondStalled);

    // Both workers are inside the step now; only the second one's lease stands.
    assertThat(harness.leases().runnable(later.instant(), 10)).doesNotContain(operation.id());
    release.countDown();
    first.close(Duration.ofSeconds(5));
    assertThat(harness.reload(operation).nextStep()).isEqualTo(1);
    secondRelease.countDown();

    assertThat(harness.await(second, operation).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(script.count("execute:stalls")).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    EngineHarness.eventually("the step stalled", () -> latch.getCount() == 0);
  }
}
