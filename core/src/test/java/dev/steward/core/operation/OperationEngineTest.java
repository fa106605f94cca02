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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.model.Fault;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The operation engine against a real (H2) store with small in-test plans. */
class OperationEngineTest extends EngineTestBase {
  private static final String TYPE = "test.plan";

  private final List<String> journal = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final Script script = new Script();

  record Payload(String label) {}

  private OperationPlan plan() {
    OperationPlan.Builder builder = OperationPlan.builder(TYPE);
    for (String name : List.of("one", "two", "three")) {
      builder.step(
          name,
          context -> {
            journal.add("execute:" + name);
            script.execute(name).run(context);
          },
          context -> journal.add("compensate:" + name));
    }
    return builder
        .onSuccess(
            (handle, context) -> journal.add("succeeded:" + context.payload(Payload.class).label()))
        .onFailure((handle, context, fault) -> faults.add(fault))
        .build();
  }

  private EngineHarness.Engine engine() {
    return harness.engine(plan()).set("lease-duration", "2s");
  }

  private Operation submit(OperationEngine target) {
    return harness.submit(target, TYPE, Set.of(), new Payload("secret-label"));
  }

  @Test
  void runsStepsInOrderAndReleasesTheInstance() {
    OperationEngine engine = engine().start();
    Operation operation = submit(engine);
    Operation done = engine.await(operation.id(), Duration.ofSeconds(20));
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(journal)
        .containsExactly("execute:one", "execute:two", "execute:three", "succeeded:secret-label");
    assertThat(harness.instanceOf(operation).activeOperation()).isEmpty();
    assertThat(harness.operations().history(operation.id()))
        .extracting(r -> r.step() + ":" + r.outcome())
        .containsExactly(
            "one:STARTED", "one:DONE", "two:STARTED", "two:DONE", "three:STARTED", "three:DONE");
    assertThat(harness.operations().sealedPayload(operation.id())).doesNotContain("secret-label");
  }

  @Test
  void retriesRetryableFailures() {
    script.on("execute:two", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE, 2));
    OperationEngine engine = engine().start();
    Operation operation = submit(engine);
    assertThat(engine.await(operation.id(), Duration.ofSeconds(20)).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(journal).filteredOn("execute:two"::equals).hasSize(3);
    assertThat(harness.operations().history(operation.id()))
        .extracting(r -> r.step() + ":" + r.outcome())
        .contains("two:RETRY");
  }

  @Test
  void compensatesBackwardsOnPermanentFailure() {
    script.on(
        "execute:three",
        context -> {
          throw new StewardException(StandardErrorCode.COMMAND_FAILED, "three broke");
        });
    OperationEngine engine = engine().start();
    Operation operation = submit(engine);
    Operation done = engine.await(operation.id(), Duration.ofSeconds(20));
    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(done.errorCode()).contains("COMMAND_FAILED");
    assertThat(journal)
        .containsExactly(
            "execute:one",
            "execute:two",
            "execute:three",
            "compensate:three",
            "compensate:two",
            "compensate:one");
    assertThat(faults)
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("three broke"));
    assertThat(harness.instanceOf(operation).activeOperation()).isEmpty();
  }

  @Test
  void exhaustedRetriesCompensate() {
    script.on("execute:one", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE, 100));
    OperationEngine engine = engine().start();
    Operation operation = submit(engine);
    assertThat(engine.await(operation.id(), Duration.ofSeconds(20)).state())
        .isEqualTo(OperationState.FAILED);
    assertThat(journal).filteredOn("execute:one"::equals).hasSize(3);
    assertThat(journal).last().isEqualTo("compensate:one");
  }

  @Test
  void resumesFromTheLastRecordedStepAfterACrash() {
    OperationEngine first = engine().node("node-a").start();
    first.close(Duration.ofSeconds(5));
    Operation operation = submit(first);
    // What a crash after step "one" leaves behind: RUNNING, next step 1, a lease of a dead node.
    Instant now = Instant.now();
    OperationLeases leases = harness.leases();
    assertThat(leases.claim(operation.id(), "node-a", now, now.plusSeconds(3600))).isTrue();
    harness
        .store()
        .inTransaction(handle ->
            leases.advance(handle, operation.id(), "node-a", OperationState.RUNNING, 1, 0, now));
    OperationEngine engine = engine().node("node-a").start();
    assertThat(engine.await(operation.id(), Duration.ofSeconds(20)).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(journal).containsExactly("execute:two", "execute:three", "succeeded:secret-label");
  }

  @Test
  void anotherNodeTakesOverOnlyAfterTheLeaseExpires() {
    OperationEngine first = engine().start();
    first.close(Duration.ofSeconds(5));
    Operation operation = submit(first);
    Instant now = Instant.now();
    assertThat(harness.leases().claim(operation.id(), "dead-node", now, now.plusSeconds(2)))
        .isTrue();
    ShiftableClock clock = new ShiftableClock();
    OperationEngine engine = engine().node("node-b").clock(clock).start();
    EngineHarness.pause(Duration.ofMillis(200));
    assertThat(harness.operations().history(operation.id())).isEmpty();
    assertThat(journal).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    Operation done = engine.await(operation.id(), Duration.ofSeconds(20));
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(harness.operations().history(operation.id()).getFirst().at())
        .isAfter(now.plusMillis(1900));
  }

  @Test
  void listenersHearEveryRecordedEventInOrder() {
    RecordingListener listener = new RecordingListener();
    script.on("execute:two", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE));
    OperationEngine engine = engine().listener(listener).start();
    Operation operation = submit(engine);
    assertThat(harness.await(engine, operation).state()).isEqualTo(OperationState.SUCCEEDED);
    EngineHarness.eventually(
        "the listener heard the end", () -> listener.events().getLast().startsWith("ended"));
    assertThat(listener.events())
        .containsExactly(
            "one EXECUTE STARTED",
            "one EXECUTE DONE",
            "two EXECUTE STARTED",
            "two EXECUTE RETRY",
            "two EXECUTE STARTED",
            "two EXECUTE DONE",
            "three EXECUTE STARTED",
            "three EXECUTE DONE",
            "ended SUCCEEDED");
  }

  @Test
  void awaitTimesOutOnAnOperationThatDoesNotEndAndRefusesAnUnknownOne() {
    OperationEngine engine = engine().build();
    Operation operation = submit(engine);
    assertThatThrownBy(() -> engine.await(operation.id(), Duration.ofMillis(30)))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.TIMEOUT)).isTrue());
    assertThatThrownBy(() -> engine.await("no-such-operation", Duration.ofMillis(30)))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.NOT_FOUND)).isTrue());
    assertThat(harness.reload(operation).state()).isEqualTo(OperationState.PENDING);
  }

  @Test
  void newOperationsNameThePlansStepsLessTheSkippedOnes() {
    OperationEngine engine = engine().build();
    Operation operation = engine.newOperation("instance-1", TYPE, Set.of("two"));
    assertThat(operation.steps()).containsExactly("one", "three");
    assertThat(operation.state()).isEqualTo(OperationState.PENDING);
    assertThat(operation.resource()).isEqualTo(OperationResource.instance("instance-1"));
    assertThat(operation.nextStep()).isZero();
    assertThat(operation.attempts()).isZero();
    assertThat(operation.finished()).isEmpty();
    assertThatThrownBy(() -> engine.newOperation("instance-1", "no.such.plan"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INTERNAL_ERROR)).isTrue())
        .hasMessageContaining("No plan for operation type no.such.plan");
  }

  @Test
  void skippedStepsNeitherRunNorAreRecorded() {
    OperationEngine engine = engine().start();
    Operation operation = harness.submit(engine, TYPE, Set.of("two"), new Payload("skip"));
    assertThat(harness.await(engine, operation).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(journal).containsExactly("execute:one", "execute:three", "succeeded:skip");
    assertThat(harness.history(operation))
        .containsExactly(
            "one:EXECUTE:STARTED",
            "one:EXECUTE:DONE",
            "three:EXECUTE:STARTED",
            "three:EXECUTE:DONE");
  }
}
