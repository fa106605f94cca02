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

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.config.StewardConfig;
import dev.steward.core.model.Fault;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.OperationStore;
import dev.steward.core.store.Store;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.platform.Resources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases of a worker that failed unexpectedly (outside a step) must expire, so the operation is
 * resumed, even while the same node keeps working on other operations.
 */
class OperationLeaseTest {
  private static final String BLOCKING = "test.blocking";
  private static final String FLAKY = "test.flaky";

  @TempDir Path directory;

  private Store store;
  private InstanceStore instances;
  private OperationStore operations;
  private OperationEngine engine;
  private final CountDownLatch blockingStarted = new CountDownLatch(1);
  private final CountDownLatch releaseBlocking = new CountDownLatch(1);
  private final AtomicBoolean flakyFailed = new AtomicBoolean();

  @BeforeEach
  void setUp() {
    StewardConfig config =
        StewardConfig.from(
            new PluginConfig(
                "steward",
                Map.of(
                    "datastores", "test",
                    "data-dir", directory.toString(),
                    "poll-interval", "20ms",
                    "lease-duration", "1s")));
    store = new Store(config);
    instances = new InstanceStore(store);
    operations = new OperationStore(store);
    engine =
        new OperationEngine(
            config,
            store,
            operations,
            instances,
            SecretBox.fromKeyFile(directory.resolve("key")),
            new ObjectMapper(),
            Clock.systemUTC(),
            Set.of(blockingPlan(), flakyPlan()),
            List.of());
    engine.start();
  }

  @AfterEach
  void tearDown() {
    releaseBlocking.countDown();
    engine.close(Duration.ofSeconds(5));
    store.close();
  }

  @Test
  void aWorkerThatFailedUnexpectedlyIsResumedWhileTheNodeStaysBusy() throws InterruptedException {
    Operation blocking = submit(BLOCKING);
    assertThat(blockingStarted.await(10, TimeUnit.SECONDS)).isTrue();

    Operation flaky = submit(FLAKY);
    Operation done = engine.await(flaky.id(), Duration.ofSeconds(8));

    assertThat(flakyFailed).isTrue();
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(operations.find(blocking.id()).orElseThrow().state())
        .isEqualTo(OperationState.RUNNING);
  }

  private OperationPlan blockingPlan() {
    return new SimplePlan(
        BLOCKING,
        List.of(
            Step.of(
                "block",
                context -> {
                  blockingStarted.countDown();
                  try {
                    releaseBlocking.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })));
  }

  /** Its end fails once with an unexpected exception, as a store hiccup would. */
  private OperationPlan flakyPlan() {
    List<Step> steps = List.of(Step.of("nothing", context -> {}));
    return new OperationPlan() {
      @Override
      public String type() {
        return FLAKY;
      }

      @Override
      public List<Step> steps() {
        return steps;
      }

      @Override
      public void succeeded(Handle handle, StepContext context) {
        if (flakyFailed.compareAndSet(false, true)) {
          throw new IllegalStateException("transient failure while finishing");
        }
      }

      @Override
      public void failed(Handle handle, StepContext context, Fault fault) {}
    };
  }

  private Operation submit(String type) {
    String instanceId = UUID.randomUUID().toString();
    Operation operation = engine.newOperation(instanceId, type);
    Instant now = Instant.now();
    Instance instance =
        new Instance(
            instanceId,
            "tenant",
            "n",
            "test",
            "1",
            "1",
            new Resources(512, 1, 1),
            InstanceState.BUILDING,
            Optional.empty(),
            Optional.empty(),
            Optional.of(operation.id()),
            now,
            now);
    store.inTransaction(handle -> {
      instances.insert(handle, instance, "sealed");
      engine.insert(handle, operation, Map.of());
      return null;
    });
    engine.wake();
    return operation;
  }
}
