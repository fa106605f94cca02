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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One mutation at a time per instance: a second one while the first holds the instance is refused
 * with CONFLICT and leaves no trace in the store; once the first ends (its terminal transaction
 * releases the lock) the next one is taken.
 */
class MutationConflictTest extends EngineTestBase {
  private static final String TYPE = "test.mutation";

  private OperationEngine engine;
  private final Script script = new Script();
  private final CountDownLatch stalled = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    engine = harness.engine(script.plan(TYPE, List.of("mutate")).build()).start();
  }

  @AfterEach
  void tearDown() {
    release.countDown();
  }

  /** What a mutating request records: the instance's lock and its operation, atomically. */
  private Operation mutate(String instanceId) {
    Operation operation = engine.newOperation(instanceId, TYPE);
    harness
        .store()
        .inTransaction(handle -> {
          harness
              .instances()
              .lock(
                  handle,
                  EngineHarness.TENANT,
                  instanceId,
                  EnumSet.of(InstanceState.BUILDING),
                  Optional.empty(),
                  operation.id(),
                  Instant.now());
          engine.insert(handle, operation, Map.of());
          return null;
        });
    engine.wake();
    return operation;
  }

  @Test
  void aSecondMutationIsRefusedAndRecordsNothing() {
    script.on("execute:mutate", Script.stall(stalled, release));
    Operation first = harness.submit(engine, TYPE);
    String instanceId = first.resource().id();
    EngineHarness.eventually("the first mutation runs", () -> stalled.getCount() == 0);

    assertThatThrownBy(() -> mutate(instanceId))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.CONFLICT)).isTrue());

    assertThat(harness.operations().forInstance(instanceId))
        .extracting(Operation::id)
        .containsExactly(first.id());
    assertThat(harness.instances().find(instanceId).orElseThrow().activeOperation())
        .contains(first.id());

    release.countDown();
    assertThat(harness.await(engine, first).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(harness.instances().find(instanceId).orElseThrow().activeOperation()).isEmpty();

    Operation next = mutate(instanceId);
    assertThat(harness.await(engine, next).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(harness.operations().forInstance(instanceId)).hasSize(2);
    assertThat(script.count("execute:mutate")).isEqualTo(2);
  }

  @Test
  void aFailedMutationAlsoReleasesTheInstance() {
    script.on("execute:mutate", Script.fail(StandardErrorCode.COMMAND_FAILED));
    Operation first = harness.submit(engine, TYPE);
    String instanceId = first.resource().id();

    assertThat(harness.await(engine, first).state()).isEqualTo(OperationState.FAILED);
    assertThat(harness.instances().find(instanceId).orElseThrow().activeOperation()).isEmpty();

    assertThat(harness.await(engine, mutate(instanceId)).state())
        .isEqualTo(OperationState.SUCCEEDED);
  }
}
