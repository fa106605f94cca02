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

import dev.steward.core.model.InstanceState;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operations carry what they work on, by kind and id. A plan declares its kind and refuses another
 * kind's id; the engine releases an instance's lock only for an operation on that instance; the
 * lists are per resource.
 */
class OperationResourceTest extends EngineTestBase {
  private static final String ON_INSTANCE = "test.on-instance";
  private static final String ON_BACKUP = "test.on-backup";

  private OperationPlan[] plans;
  private OperationEngine engine;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    OperationPlan onInstance =
        OperationPlan.builder(ON_INSTANCE)
            .step("look", context -> seen.add("instance " + context.instanceId()))
            .build();
    OperationPlan onBackup =
        OperationPlan.builder(ON_BACKUP)
            .resource(OperationResource.Kind.BACKUP)
            .step("look", context -> seen.add(context.resource().toString()))
            .onSuccess((handle, context) -> {
              try {
                context.instanceId();
              } catch (StewardException e) {
                seen.add(e.errorCode().name() + " " + e.getMessage());
              }
            })
            .build();
    plans = new OperationPlan[] {onInstance, onBackup};
    engine = harness.engine(plans).start();
  }

  @Test
  void aPlanRefusesAResourceOfAnotherKind() {
    assertThatThrownBy(() -> engine.newOperation("backup-1", ON_BACKUP))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INTERNAL_ERROR)).isTrue())
        .hasMessageContaining("Plan test.on-backup works on a BACKUP, not on instance backup-1");
    assertThatThrownBy(() -> engine.newOperation(OperationResource.backup("b"), ON_INSTANCE))
        .isInstanceOf(StewardException.class)
        .hasMessageContaining("not on backup b");
    assertThat(engine.newOperation(OperationResource.backup("b"), ON_BACKUP).resource())
        .isEqualTo(OperationResource.backup("b"));
  }

  @Test
  void anOperationOnABackupSeesItsBackupAndNoInstance() {
    Operation operation = harness.submit(engine, OperationResource.backup("backup-1"), ON_BACKUP);

    Operation done = harness.await(engine, operation);

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.resource()).isEqualTo(OperationResource.backup("backup-1"));
    assertThat(seen)
        .containsExactly(
            "backup backup-1",
            "INTERNAL_ERROR Operation "
                + operation.id()
                + " works on backup backup-1, not on an"
                + " instance");
  }

  @Test
  void anOperationOnABackupLeavesAnInstanceOfTheSameIdAlone() {
    // An instance whose id equals the backup's, held by its own operation.
    Operation holder = engine.newOperation("shared-id", ON_INSTANCE);
    harness
        .store()
        .inTransaction(handle -> {
          harness.instances().insert(handle, EngineHarness.instance("shared-id", holder.id()), "s");
          return null;
        });
    Operation onBackup = harness.submit(engine, OperationResource.backup("shared-id"), ON_BACKUP);

    assertThat(harness.await(engine, onBackup).state()).isEqualTo(OperationState.SUCCEEDED);

    assertThat(harness.instances().find("shared-id").orElseThrow().activeOperation())
        .contains(holder.id());
    assertThat(harness.operations().forInstance("shared-id")).isEmpty();
    assertThat(harness.operations().forResource(OperationResource.backup("shared-id")))
        .extracting(Operation::id)
        .containsExactly(onBackup.id());
  }

  @Test
  void anOperationOnAnInstanceReleasesItsLockWhenItEnds() {
    Operation operation = harness.submit(engine, ON_INSTANCE);

    Operation done = harness.await(engine, operation);

    assertThat(done.resource().kind()).isEqualTo(OperationResource.Kind.INSTANCE);
    assertThat(seen).containsExactly("instance " + done.resource().id());
    assertThat(harness.instanceOf(done).activeOperation()).isEmpty();
    assertThat(harness.instanceOf(done).state()).isEqualTo(InstanceState.BUILDING);
    assertThat(harness.operations().forInstance(done.resource().id()))
        .extracting(Operation::id)
        .containsExactly(done.id());
  }

  @Test
  void listsAreNewestFirstPerResource() throws InterruptedException {
    Operation older = harness.submit(engine, OperationResource.backup("b-1"), ON_BACKUP);
    harness.await(engine, older);
    Thread.sleep(2);
    Operation newer = harness.submit(engine, OperationResource.backup("b-1"), ON_BACKUP);
    harness.await(engine, newer);
    Operation other = harness.submit(engine, OperationResource.backup("b-2"), ON_BACKUP);
    harness.await(engine, other);

    assertThat(harness.operations().forResource(OperationResource.backup("b-1")))
        .extracting(Operation::id)
        .containsExactly(newer.id(), older.id());
  }

  @Test
  void theOperationServiceListsPerResource() {
    OperationService service = new OperationService(engine, harness.operations());
    Operation operation = harness.submit(engine, OperationResource.backup("b-9"), ON_BACKUP);

    assertThat(service.awaitSuccess(operation.id(), Script.PATIENCE).resource())
        .isEqualTo(OperationResource.backup("b-9"));
    assertThat(service.forResource(OperationResource.backup("b-9"))).hasSize(1);
    assertThat(service.forInstance("b-9")).isEmpty();
    assertThat(service.get(operation.id()).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(service.history(operation.id()))
        .extracting(StepRecord::outcome)
        .containsExactly(StepOutcome.STARTED, StepOutcome.DONE);
    assertThatThrownBy(() -> service.get("missing"))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.NOT_FOUND)).isTrue());
  }

  @Test
  void resourcesSurviveTheStore() {
    // A store no engine polls: the operation stays as inserted.
    try (EngineHarness quiet = new EngineHarness(directory)) {
      OperationEngine idle = quiet.engine(plans).build();
      Operation operation = idle.newOperation(OperationResource.backup("kept"), ON_BACKUP);
      quiet
          .store()
          .inTransaction(handle -> {
            idle.insert(handle, operation, Map.of());
            return null;
          });
      Operation stored = quiet.reload(operation);
      assertThat(stored.resource()).isEqualTo(OperationResource.backup("kept"));
      assertThat(stored)
          .usingRecursiveComparison()
          .ignoringFields("notBefore", "created")
          .isEqualTo(operation);
      assertThat(stored.created().toEpochMilli()).isEqualTo(operation.created().toEpochMilli());
      assertThat(stored.notBefore()).isBeforeOrEqualTo(Instant.now());
    }
  }

  @Test
  void aResourceNamesItsKindAndId() {
    assertThat(OperationResource.instance("i").toString()).isEqualTo("instance i");
    assertThat(OperationResource.backup("b").toString()).isEqualTo("backup b");
    assertThat(OperationResource.backup("x")).isNotEqualTo(OperationResource.instance("x"));
    assertThatThrownBy(() -> new OperationResource(null, "x"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OperationResource.backup(null))
        .isInstanceOf(NullPointerException.class);
  }
}
