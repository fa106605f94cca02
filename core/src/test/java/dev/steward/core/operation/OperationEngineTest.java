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
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Resources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operation engine against a real (H2) store with small in-test plans. */
class OperationEngineTest {
  @TempDir Path directory;

  private Store store;
  private InstanceStore instances;
  private OperationStore operations;
  private SecretBox secrets;
  private final List<String> journal = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private OperationEngine engine;

  @BeforeEach
  void setUp() {
    store = new Store(config(Optional.empty()));
    instances = new InstanceStore(store);
    operations = new OperationStore(store);
    secrets = SecretBox.fromKeyFile(directory.resolve("key"));
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.close(Duration.ofSeconds(5));
    }
    store.close();
  }

  private StewardConfig config(Optional<String> nodeId) {
    Map<String, String> properties = new HashMap<>();
    properties.put("datastores", "test");
    properties.put("data-dir", directory.toString());
    properties.put("poll-interval", "20ms");
    properties.put("retry-backoff", "10ms");
    properties.put("max-attempts", "3");
    properties.put("lease-duration", "2s");
    nodeId.ifPresent(id -> properties.put("node-id", id));
    return StewardConfig.from(new PluginConfig("steward", properties));
  }

  private OperationEngine start(Optional<String> nodeId) {
    List<Step> steps =
        List.of(
            Step.of("one", action("one"), compensation("one")),
            Step.of("two", action("two"), compensation("two")),
            Step.of("three", action("three"), compensation("three")));
    OperationPlan plan =
        new OperationPlan() {
          @Override
          public String type() {
            return "test.plan";
          }

          @Override
          public List<Step> steps() {
            return steps;
          }

          @Override
          public void succeeded(Handle handle, StepContext context) {
            journal.add("succeeded:" + context.payload(Payload.class).label());
          }

          @Override
          public void failed(Handle handle, StepContext context, Fault fault) {
            faults.add(fault);
          }
        };
    OperationEngine started =
        new OperationEngine(
            config(nodeId),
            store,
            operations,
            instances,
            secrets,
            new ObjectMapper(),
            Clock.systemUTC(),
            Set.of(plan),
            List.of());
    started.start();
    return started;
  }

  record Payload(String label) {}

  private Step.StepAction action(String name) {
    return context -> {
      journal.add("execute:" + name);
      AtomicInteger left = failuresLeft.get(name);
      if (left != null && left.getAndDecrement() > 0) {
        throw new StewardException(StandardErrorCode.ENGINE_UNAVAILABLE, name + " not ready");
      }
      if (failuresLeft.containsKey(name + "!")) {
        throw new StewardException(StandardErrorCode.COMMAND_FAILED, name + " broke");
      }
    };
  }

  private Step.StepAction compensation(String name) {
    return context -> journal.add("compensate:" + name);
  }

  private Operation submit(OperationEngine target) {
    String instanceId = UUID.randomUUID().toString();
    Operation operation = target.newOperation(instanceId, "test.plan");
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
      target.insert(handle, operation, new Payload("secret-label"));
      return null;
    });
    target.wake();
    return operation;
  }

  @Test
  void runsStepsInOrderAndReleasesTheInstance() {
    engine = start(Optional.empty());
    Operation operation = submit(engine);
    Operation done = engine.await(operation.id(), Duration.ofSeconds(20));
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(journal)
        .containsExactly("execute:one", "execute:two", "execute:three", "succeeded:secret-label");
    assertThat(instances.find(operation.instanceId()).orElseThrow().activeOperation()).isEmpty();
    assertThat(operations.history(operation.id()))
        .extracting(r -> r.step() + ":" + r.outcome())
        .containsExactly(
            "one:STARTED", "one:DONE", "two:STARTED", "two:DONE", "three:STARTED", "three:DONE");
    assertThat(operations.sealedPayload(operation.id())).doesNotContain("secret-label");
  }

  @Test
  void retriesRetryableFailures() {
    failuresLeft.put("two", new AtomicInteger(2));
    engine = start(Optional.empty());
    Operation operation = submit(engine);
    assertThat(engine.await(operation.id(), Duration.ofSeconds(20)).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(journal).filteredOn("execute:two"::equals).hasSize(3);
    assertThat(operations.history(operation.id()))
        .extracting(r -> r.step() + ":" + r.outcome())
        .contains("two:RETRY");
  }

  @Test
  void compensatesBackwardsOnPermanentFailure() {
    failuresLeft.put("three!", new AtomicInteger());
    engine = start(Optional.empty());
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
    assertThat(instances.find(operation.instanceId()).orElseThrow().activeOperation()).isEmpty();
  }

  @Test
  void exhaustedRetriesCompensate() {
    failuresLeft.put("one", new AtomicInteger(100));
    engine = start(Optional.empty());
    Operation operation = submit(engine);
    assertThat(engine.await(operation.id(), Duration.ofSeconds(20)).state())
        .isEqualTo(OperationState.FAILED);
    assertThat(journal).filteredOn("execute:one"::equals).hasSize(3);
    assertThat(journal).last().isEqualTo("compensate:one");
  }

  @Test
  void resumesFromTheLastRecordedStepAfterACrash() {
    OperationEngine first = start(Optional.of("node-a"));
    first.close(Duration.ofSeconds(5));
    Operation operation = submit(first);
    // What a crash after step "one" leaves behind: RUNNING, next step 1, a lease of a dead node.
    Instant now = Instant.now();
    assertThat(operations.claim(operation.id(), "node-a", now, now.plusSeconds(3600))).isTrue();
    store.inTransaction(handle ->
        operations.advance(handle, operation.id(), "node-a", OperationState.RUNNING, 1, 0, now));
    engine = start(Optional.of("node-a"));
    assertThat(engine.await(operation.id(), Duration.ofSeconds(20)).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(journal).containsExactly("execute:two", "execute:three", "succeeded:secret-label");
  }

  @Test
  void anotherNodeTakesOverOnlyAfterTheLeaseExpires() {
    OperationEngine first = start(Optional.empty());
    first.close(Duration.ofSeconds(5));
    Operation operation = submit(first);
    Instant now = Instant.now();
    assertThat(operations.claim(operation.id(), "dead-node", now, now.plusSeconds(2))).isTrue();
    engine = start(Optional.of("node-b"));
    Operation done = engine.await(operation.id(), Duration.ofSeconds(20));
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(operations.history(operation.id()).getFirst().at()).isAfter(now.plusMillis(1900));
  }
}
