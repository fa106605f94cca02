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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases of a worker that failed unexpectedly (outside a step) must expire, so the operation is
 * resumed, even while the same node keeps working on other operations.
 */
class OperationLeaseTest extends EngineTestBase {
  private static final String BLOCKING = "test.blocking";
  private static final String FLAKY = "test.flaky";

  private OperationEngine engine;
  private final ShiftableClock clock = new ShiftableClock();
  private final CountDownLatch blockingStarted = new CountDownLatch(1);
  private final CountDownLatch releaseBlocking = new CountDownLatch(1);
  private final AtomicBoolean flakyFailed = new AtomicBoolean();

  @BeforeEach
  void setUp() {
    engine =
        harness
            .engine(blockingPlan(), flakyPlan())
            .clock(clock)
            .set("poll-interval", "20ms")
            .set("lease-duration", "1s")
            .start();
  }

  @AfterEach
  void tearDown() {
    releaseBlocking.countDown();
  }

  @Test
  void aWorkerThatFailedUnexpectedlyIsResumedWhileTheNodeStaysBusy() throws InterruptedException {
    Operation blocking = harness.submit(engine, BLOCKING);
    assertThat(blockingStarted.await(10, TimeUnit.SECONDS)).isTrue();

    Operation flaky = harness.submit(engine, FLAKY);
    EngineHarness.eventually("the flaky end failed once", flakyFailed::get);
    // The failed worker's lease is no longer renewed: once it expires, the operation resumes.
    EngineHarness.pause(Duration.ofMillis(100));
    assertThat(harness.reload(flaky).state()).isEqualTo(OperationState.RUNNING);
    clock.advance(Duration.ofSeconds(1));
    Operation done = engine.await(flaky.id(), Duration.ofSeconds(8));

    assertThat(flakyFailed).isTrue();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(harness.operations().find(blocking.id()).orElseThrow().state())
        .isEqualTo(OperationState.RUNNING);
  }

  private OperationPlan blockingPlan() {
    return OperationPlan.builder(BLOCKING)
        .step(
            "block",
            context -> {
              blockingStarted.countDown();
              try {
                releaseBlocking.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .build();
  }

  /** Its end fails once with an unexpected exception, as a store hiccup would. */
  private OperationPlan flakyPlan() {
    return OperationPlan.builder(FLAKY)
        .step("nothing", context -> {})
        .onSuccess((handle, context) -> {
          if (flakyFailed.compareAndSet(false, true)) {
            throw new IllegalStateException("transient failure while finishing");
          }
        })
        .build();
  }
}
