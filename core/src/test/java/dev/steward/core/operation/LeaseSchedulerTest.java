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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduling side of the engine: how many operations run at once, what waking does, and what
 * stopping leaves behind for the next worker.
 */
class LeaseSchedulerTest extends EngineTestBase {
  private static final String TYPE = "test.scheduling";

  private final Script script = new Script();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseStalledSteps() {
    release.countDown();
  }

  @Test
  void atMostTheConfiguredWorkersRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch two = new CountDownLatch(2);
    OperationPlan plan =
        OperationPlan.builder(TYPE)
            .step(
                "work",
                context -> {
                  most.accumulateAndGet(running.incrementAndGet(), Math::max);
                  two.countDown();
                  Script.stall(new CountDownLatch(1), release).run(context);
                  running.decrementAndGet();
                })
            .build();
    OperationEngine engine = harness.engine(plan).set("workers", "2").start();
    List<Operation> submitted = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      submitted.add(harness.submit(engine, TYPE));
    }
    EngineHarness.eventually("two operations run", () -> two.getCount() == 0);
    EngineHarness.pause(Duration.ofMillis(100));

    assertThat(running).hasValue(2);
    assertThat(
            submitted.stream().filter(op -> harness.reload(op).state() == OperationState.PENDING))
        .hasSize(2);

    release.countDown();
    submitted.forEach(
        op -> assertThat(harness.await(engine, op).state()).isEqualTo(OperationState.SUCCEEDED));
    assertThat(most).hasValue(2);
  }

  @Test
  void wakingLooksForWorkAtOnce() {
    OperationEngine engine =
        harness
            .engine(script.plan(TYPE, List.of("one")).build())
            .set("poll-interval", "1h")
            .start();
    EngineHarness.pause(Duration.ofMillis(50));
    Instant submitted = Instant.now();

    Operation done = harness.await(engine, harness.submit(engine, TYPE));

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(Duration.between(submitted, done.finished().orElseThrow()))
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anEngineThatWasNotStartedClaimsNothing() {
    OperationEngine engine = harness.engine(script.plan(TYPE, List.of("one")).build()).build();
    Operation operation = harness.submit(engine, TYPE);
    EngineHarness.pause(Duration.ofMillis(100));

    assertThat(harness.reload(operation).state()).isEqualTo(OperationState.PENDING);
    assertThat(script.journal()).isEmpty();
  }

  @Test
  void stoppingWaitsForTheStepAndReleasesTheLeaseForTheNextWorker() throws Exception {
    CountDownLatch stalled = new CountDownLatch(1);
    script.on("execute:one", Script.stall(stalled, release));
    OperationPlan plan = script.plan(TYPE, List.of("one", "two")).build();
    OperationEngine first = harness.engine(plan).start();
    Operation operation = harness.submit(first, TYPE);
    EngineHarness.eventually("step one runs", () -> stalled.getCount() == 0);

    Thread stopping = Thread.ofVirtual().start(() -> first.close(Duration.ofSeconds(10)));
    EngineHarness.pause(Duration.ofMillis(50));
    assertThat(stopping.isAlive()).isTrue();
    release.countDown();
    stopping.join(Duration.ofSeconds(10));

    assertThat(stopping.isAlive()).isFalse();
    Operation left = harness.reload(operation);
    assertThat(left.state()).isEqualTo(OperationState.RUNNING);
    assertThat(left.nextStep()).isEqualTo(1);
    assertThat(script.journal()).containsExactly("execute:one");
    // The lease was given back: the next worker need not wait for it to expire.
    assertThat(harness.leases().runnable(Instant.now(), 10)).contains(operation.id());
    OperationEngine second = harness.engine(plan).start();
    assertThat(harness.await(second, operation).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(script.journal()).containsExactly("execute:one", "execute:two", "succeeded");
  }

  @Test
  void stoppingThatTimesOutLeavesTheLeaseToExpire() {
    CountDownLatch stalled = new CountDownLatch(1);
    script.on("execute:one", Script.stall(stalled, release));
    OperationEngine engine = harness.engine(script.plan(TYPE, List.of("one")).build()).start();
    Operation operation = harness.submit(engine, TYPE);
    EngineHarness.eventually("step one runs", () -> stalled.getCount() == 0);

    engine.close(Duration.ofMillis(50));

    assertThat(harness.leases().runnable(Instant.now(), 10)).doesNotContain(operation.id());
    assertThat(harness.leases().runnable(Instant.now().plusSeconds(31), 10))
        .contains(operation.id());
  }
}
