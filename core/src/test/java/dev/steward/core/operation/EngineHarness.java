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
import dev.steward.core.fakes.Fixtures;
import dev.steward.core.model.Instance;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.PluginConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A real in-memory H2 store with the operation engine's collaborators, the engines a test starts
 * over it (closed with the harness), and the writes a test needs to submit operations. Short poll
 * intervals and back-offs keep every test fast; a test moves a {@link ShiftableClock} instead of
 * waiting for a lease to expire.
 */
final class EngineHarness implements AutoCloseable {
  static final String TENANT = "tenant";

  private final Path directory;
  private final String url;
  private final Store store;
  private final InstanceStore instances;
  private final OperationStore operations;
  private final OperationLeases leases;
  private final SecretBox secrets;
  private final List<OperationEngine> engines = new ArrayList<>();

  EngineHarness(Path directory) {
    this(directory, "jdbc:h2:mem:operations-" + UUID.randomUUID() + ";MODE=PostgreSQL");
  }

  /** A harness over the store at {@code url} (migrated when it opens). */
  EngineHarness(Path directory, String url) {
    this.directory = directory;
    this.url = url;
    this.store = new Store(config(Map.of()));
    this.instances = new InstanceStore(store);
    this.operations = new OperationStore(store);
    this.leases = new OperationLeases(store);
    this.secrets = SecretBox.fromKeyFile(directory.resolve("secret.key"));
  }

  Store store() {
    return store;
  }

  InstanceStore instances() {
    return instances;
  }

  OperationStore operations() {
    return operations;
  }

  OperationLeases leases() {
    return leases;
  }

  /** Core's configuration for these tests, with {@code overrides} of the {@code steward.} keys. */
  StewardConfig config(Map<String, String> overrides) {
    Map<String, String> properties = new HashMap<>();
    properties.put("datastores", "test");
    properties.put("data-dir", directory.toString());
    properties.put("store.url", url);
    properties.put("poll-interval", "10ms");
    properties.put("retry-backoff", "5ms");
    properties.put("max-attempts", "3");
    properties.put("lease-duration", "30s");
    // A small pool: the store opens workers + 4 connections.
    properties.put("workers", "4");
    properties.putAll(overrides);
    return StewardConfig.from(new PluginConfig(StewardConfig.PREFIX, properties));
  }

  /** Starts configuring an engine over this harness' store. */
  Engine engine(OperationPlan... plans) {
    return new Engine(Set.of(plans));
  }

  /** How a test wants its engine: node id, clock, settings, listeners. */
  final class Engine {
    private final Set<OperationPlan> plans;
    private final Map<String, String> overrides = new HashMap<>();
    private final List<OperationListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Engine(Set<OperationPlan> plans) {
      this.plans = plans;
    }

    Engine node(String nodeId) {
      return set("node-id", nodeId);
    }

    Engine clock(Clock value) {
      this.clock = value;
      return this;
    }

    Engine set(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    Engine listener(OperationListener listener) {
      listeners.add(listener);
      return this;
    }

    /** The engine, not started. */
    OperationEngine build() {
      OperationEngine engine =
          new OperationEngine(
              config(overrides),
              store,
              operations,
              instances,
              secrets,
              new ObjectMapper(),
              clock,
              plans,
              listeners);
      engines.add(engine);
      return engine;
    }

    OperationEngine start() {
      OperationEngine engine = build();
      engine.start();
      return engine;
    }
  }

  /** Records a BUILDING instance held by a new operation of {@code type}, and wakes the engine. */
  Operation submit(OperationEngine engine, String type) {
    return submit(engine, type, Set.of(), Map.of("label", "payload"));
  }

  /** As {@link #submit(OperationEngine, String)} without the {@code skipped} steps. */
  Operation submit(OperationEngine engine, String type, Set<String> skipped, Object payload) {
    String instanceId = UUID.randomUUID().toString();
    Operation operation = engine.newOperation(instanceId, type, skipped);
    store.inTransaction(handle -> {
      instances.insert(handle, instance(instanceId, operation.id()), "sealed");
      engine.insert(handle, operation, payload);
      return null;
    });
    engine.wake();
    return operation;
  }

  /** Records an operation on a resource that is not an instance (nothing is locked for it). */
  Operation submit(OperationEngine engine, OperationResource resource, String type) {
    Operation operation = engine.newOperation(resource, type);
    store.inTransaction(handle -> {
      engine.insert(handle, operation, Map.of());
      return null;
    });
    engine.wake();
    return operation;
  }

  static Instance instance(String instanceId, String operationId) {
    return Fixtures.building(instanceId, TENANT, operationId);
  }

  /** Waits until the operation ended on {@code engine}. */
  Operation await(OperationEngine engine, Operation operation) {
    return engine.await(operation.id(), Script.PATIENCE);
  }

  /** Awaits the operation's end and checks that it ended {@code expected}. */
  Operation awaitEnd(OperationEngine engine, Operation operation, OperationState expected) {
    Operation done = await(engine, operation);
    assertThat(done.state()).isEqualTo(expected);
    return done;
  }

  Operation reload(Operation operation) {
    return operations.find(operation.id()).orElseThrow();
  }

  Instance instanceOf(Operation operation) {
    return instances.find(operation.resource().id()).orElseThrow();
  }

  /** The operation's history as {@code step:PHASE:OUTCOME}. */
  List<String> history(Operation operation) {
    return operations.history(operation.id()).stream()
        .map(line -> line.step() + ":" + line.phase() + ":" + line.outcome())
        .toList();
  }

  /** Waits (a few poll intervals at most) until {@code condition} holds. */
  static void eventually(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Script.PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      pause(Duration.ofMillis(5));
    }
  }

  /** Lets the engines run for {@code duration} (to show that something does not happen). */
  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    for (OperationEngine engine : engines) {
      engine.close(Duration.ofSeconds(5));
    }
    store.close();
  }
}
