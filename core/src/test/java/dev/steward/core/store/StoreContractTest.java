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
package dev.steward.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.config.StewardConfig;
import dev.steward.core.fakes.Fixtures;
import dev.steward.core.model.Fault;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationLeases;
import dev.steward.core.operation.OperationResource;
import dev.steward.core.operation.OperationState;
import dev.steward.core.operation.OperationStore;
import dev.steward.core.operation.StepOutcome;
import dev.steward.core.operation.StepPhase;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state store's contract; runs against H2 and PostgreSQL. */
abstract class StoreContractTest {
  private Store store;
  private InstanceStore instances;
  private OperationStore operations;
  private OperationLeases leases;
  private final String tenant = "tenant-" + UUID.randomUUID();

  /** A JDBC URL of an empty or already migrated store. */
  abstract String url();

  @BeforeEach
  void open() {
    store = new Store(config());
    instances = new InstanceStore(store);
    operations = new OperationStore(store);
    leases = new OperationLeases(store);
  }

  StewardConfig config() {
    return StewardConfig.from(
        new PluginConfig(
            "steward", Map.of("datastores", "test", "store.url", url(), "store.user", "postgres")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void migrationsRunOnce() {
    new Store(config()).close();
    int versions =
        store.withHandle(handle ->
            handle.createQuery("SELECT COUNT(*) FROM schema_version").mapTo(Integer.class).one());
    assertThat(versions).isEqualTo(Store.MIGRATION_COUNT);
  }

  @Test
  void createsAndPagesInstances() {
    List<String> ids = List.of(create(), create(), create());
    assertThat(instances.list(tenant, 2, Optional.empty()))
        .extracting(Instance::id)
        .containsExactly(ids.get(0), ids.get(1));
    assertThat(instances.list(tenant, 2, Optional.of(ids.get(1))))
        .extracting(Instance::id)
        .containsExactly(ids.get(2));
    assertThat(instances.list("other-" + tenant, 10, Optional.empty())).isEmpty();
    Instance found = instances.find(ids.get(0)).orElseThrow();
    assertThat(found.state()).isEqualTo(InstanceState.BUILDING);
    assertThat(found.activeOperation()).isPresent();
    assertThat(instances.sealedAdminSecret(ids.get(0))).isEqualTo("sealed");
  }

  @Test
  void secondMutationIsRefusedAndLeavesNoTrace() {
    String id = create();
    String holder = instances.find(id).orElseThrow().activeOperation().orElseThrow();
    Operation second = operation(id);
    assertThatThrownBy(() ->
            store.inTransaction(handle -> {
              instances.lock(
                  handle,
                  tenant,
                  id,
                  EnumSet.allOf(InstanceState.class),
                  Optional.empty(),
                  second.id(),
                  Instant.now());
              operations.insert(handle, second, "payload");
              return null;
            }))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.CONFLICT)).isTrue());
    assertThat(operations.find(second.id())).isEmpty();
    assertThat(operations.forInstance(id)).hasSize(1);
    assertThat(instances.find(id).orElseThrow().activeOperation()).contains(holder);
  }

  @Test
  void lockChecksTenantAndState() {
    String id = create();
    String holder = instances.find(id).orElseThrow().activeOperation().orElseThrow();
    store.inTransaction(handle -> {
      instances.unlock(handle, id, holder, Instant.now());
      return null;
    });
    assertThatThrownBy(() ->
            store.inTransaction(handle ->
                instances.lock(
                    handle,
                    "intruder",
                    id,
                    EnumSet.allOf(InstanceState.class),
                    Optional.empty(),
                    "x",
                    Instant.now())))
        .hasMessageContaining("could not be found");
    assertThatThrownBy(() ->
            store.inTransaction(handle ->
                instances.lock(
                    handle,
                    tenant,
                    id,
                    EnumSet.of(InstanceState.ACTIVE),
                    Optional.empty(),
                    "x",
                    Instant.now())))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INVALID_STATE)).isTrue());
    assertThat(instances.find(id).orElseThrow().activeOperation()).isEmpty();
  }

  @Test
  void transitionsFollowTheTable() {
    String id = create();
    assertThatThrownBy(() ->
            store.inTransaction(handle -> {
              instances.transition(
                  handle, id, InstanceState.DELETED, Optional.empty(), Instant.now());
              return null;
            }))
        .isInstanceOf(StewardException.class);
    Fault fault = new Fault("X", "broken", Instant.now());
    store.inTransaction(handle -> {
      instances.transition(handle, id, InstanceState.ERROR, Optional.of(fault), Instant.now());
      return null;
    });
    Instance failed = instances.find(id).orElseThrow();
    assertThat(failed.state()).isEqualTo(InstanceState.ERROR);
    assertThat(failed.fault().orElseThrow().message()).isEqualTo("broken");
    assertThat(failed.status()).isEqualTo("ERROR");
  }

  @Test
  void leasesAreExclusiveAndExpire() {
    String id = create();
    String operationId = operations.forInstance(id).getFirst().id();
    Instant now = Instant.now();
    assertThat(leases.runnable(now, 1000)).contains(operationId);
    assertThat(leases.claim(operationId, "a", now, now.plusSeconds(10))).isTrue();
    assertThat(leases.claim(operationId, "b", now, now.plusSeconds(10))).isFalse();
    assertThat(leases.runnable(now, 1000)).doesNotContain(operationId);
    Instant later = now.plusSeconds(11);
    assertThat(leases.claim(operationId, "b", later, later.plusSeconds(10))).isTrue();
    boolean fenced =
        store.inTransaction(handle ->
            leases.advance(handle, operationId, "a", OperationState.RUNNING, 1, 0, later));
    assertThat(fenced).isFalse();
    assertThat(record(operationId, "b", StepOutcome.STARTED, Optional.empty(), later)).isTrue();
    assertThat(record(operationId, "b", StepOutcome.DONE, Optional.of("ok"), later)).isTrue();
    assertThat(leases.backOff(operationId, "b", 1, later.plusSeconds(60), later)).isTrue();
    assertThat(leases.runnable(later, 1000)).doesNotContain(operationId);
    assertThat(leases.runnable(later.plusSeconds(61), 1000)).contains(operationId);
    assertThat(operations.history(operationId))
        .extracting(record -> record.sequence() + ":" + record.outcome())
        .containsExactly("1:STARTED", "2:DONE");
  }

  @Test
  void writesOfAWorkerThatLostItsLeaseChangeNothing() {
    String id = create();
    String operationId = operations.forInstance(id).getFirst().id();
    Instant now = Instant.now();
    assertThat(leases.claim(operationId, "a", now, now.plusSeconds(1))).isTrue();
    Instant later = now.plusSeconds(2);
    assertThat(leases.claim(operationId, "b", later, later.plusSeconds(10))).isTrue();
    Operation before = operations.find(operationId).orElseThrow();
    boolean any =
        store.inTransaction(handle ->
            leases.advance(handle, operationId, "a", OperationState.RUNNING, 1, 0, later)
                || leases.compensate(handle, operationId, "a", 0, "X", "lost", later)
                || leases.finish(handle, operationId, "a", OperationState.FAILED, later)
                || leases.recordStep(
                    handle,
                    operationId,
                    "a",
                    "one",
                    StepPhase.EXECUTE,
                    StepOutcome.DONE,
                    Optional.empty(),
                    later));
    assertThat(any).isFalse();
    assertThat(leases.backOff(operationId, "a", 1, later.plusSeconds(60), later)).isFalse();
    assertThat(record(operationId, "a", StepOutcome.STARTED, Optional.empty(), later)).isFalse();
    assertThat(operations.find(operationId)).contains(before);
    assertThat(operations.history(operationId)).isEmpty();
    assertThat(leases.runnable(later, 1000)).doesNotContain(operationId);
    leases.renew("a", List.of(operationId), later.plusSeconds(3600));
    assertThat(leases.runnable(later.plusSeconds(11), 1000)).contains(operationId);
    boolean compensating =
        store.inTransaction(
            handle -> leases.compensate(handle, operationId, "b", 1, "X", "m".repeat(5000), later));
    assertThat(compensating).isTrue();
    Operation failing = operations.find(operationId).orElseThrow();
    assertThat(failing.state()).isEqualTo(OperationState.COMPENSATING);
    assertThat(failing.nextStep()).isEqualTo(1);
    assertThat(failing.errorCode()).contains("X");
    assertThat(failing.errorMessage().orElseThrow()).hasSize(3900);
    assertThat(operations.forResource(OperationResource.instance(id))).hasSize(1);
    assertThat(operations.forResource(OperationResource.backup(id))).isEmpty();
  }

  /** Records step {@code one}'s execution ending in {@code outcome}, fenced by {@code owner}. */
  private boolean record(
      String operationId, String owner, StepOutcome outcome, Optional<String> message, Instant at) {
    return store.withHandle(handle ->
        leases.recordStep(
            handle, operationId, owner, "one", StepPhase.EXECUTE, outcome, message, at));
  }

  private String create() {
    String id = UUID.randomUUID().toString();
    Operation operation = operation(id);
    Instance instance = Fixtures.building(id, tenant, operation.id());
    store.inTransaction(handle -> {
      instances.insert(handle, instance, "sealed");
      operations.insert(handle, operation, "payload");
      return null;
    });
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return id;
  }

  private static Operation operation(String instanceId) {
    return new Operation(
        UUID.randomUUID().toString(),
        OperationResource.instance(instanceId),
        "test.op",
        OperationState.PENDING,
        List.of("one", "two"),
        0,
        0,
        Instant.now(),
        Optional.empty(),
        Optional.empty(),
        Instant.now(),
        Optional.empty());
  }
}
