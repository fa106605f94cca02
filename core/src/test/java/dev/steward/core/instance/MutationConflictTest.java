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
package dev.steward.core.instance;

import static dev.steward.core.fakes.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.fakes.FakeStewardTest;
import dev.steward.core.fakes.Faults;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One mutating operation per instance: while one holds it, a second mutation is refused with
 * CONFLICT and leaves no trace (no operation, no state change); once it ended, the next one is
 * admitted.
 */
class MutationConflictTest extends FakeStewardTest {
  private static final String TENANT = "tenant-c";

  @BeforeEach
  void setUp() {
    startFakes();
  }

  @Test
  void aSecondMutationIsRefusedWhileTheFirstRuns() {
    Instance active = fakes.createActive(TENANT, "busy");
    Faults.Hold held = fakes.faults().hold("stop");
    Operation restart = instances().restart(TENANT, active.id());
    held.awaitReached();
    try {
      assertRefused(StandardErrorCode.CONFLICT, () -> instances().delete(TENANT, active.id()));
      assertRefused(StandardErrorCode.CONFLICT, () -> instances().restart(TENANT, active.id()));
      assertRefused(
          StandardErrorCode.CONFLICT,
          () -> fakes.steward().admin().resetStatus(TENANT, active.id()));
      assertRefused(
          StandardErrorCode.CONFLICT,
          () ->
              fakes
                  .steward()
                  .backups()
                  .create(TENANT, active.id(), "b", Optional.empty(), Optional.empty()));
      // The instance is not ACTIVE while it restarts: reads against its engine are refused too.
      assertRefused(
          StandardErrorCode.INVALID_STATE,
          () -> fakes.steward().databases().list(TENANT, active.id()));
      Instance during = instances().get(TENANT, active.id());
      assertThat(during.state()).isEqualTo(InstanceState.RESTARTING);
      assertThat(during.activeOperation()).contains(restart.id());
      assertThat(fakes.steward().operations().forInstance(active.id()))
          .extracting(Operation::type)
          .containsExactlyInAnyOrder(InstancePlans.CREATE, InstancePlans.RESTART);
    } finally {
      held.release();
    }
    fakes.awaitSuccess(restart);
    Operation delete = instances().delete(TENANT, active.id());
    fakes.awaitSuccess(delete);
  }

  @Test
  void parallelMutationsAdmitExactlyOne() throws Exception {
    Instance active = fakes.createActive(TENANT, "contended");
    Faults.Hold held = fakes.faults().hold("createDatabase");
    int parallel = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Operation> admitted = new ArrayList<>();
    List<Future<Optional<Operation>>> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(parallel)) {
      for (int i = 0; i < parallel; i++) {
        String name = "db" + i;
        results.add(
            threads.submit(() -> {
              go.await();
              try {
                return Optional.of(
                    fakes
                        .steward()
                        .databases()
                        .create(TENANT, active.id(), List.of(DatabaseSpec.named(name))));
              } catch (StewardException e) {
                if (!e.is(StandardErrorCode.CONFLICT)) {
                  throw e;
                }
                return Optional.<Operation>empty();
              }
            }));
      }
      go.countDown();
      for (Future<Optional<Operation>> result : results) {
        result.get().ifPresent(admitted::add);
      }
      assertThat(admitted).hasSize(1);
      assertThat(fakes.steward().operations().forInstance(active.id())).hasSize(2);
    } finally {
      held.release();
    }
    fakes.awaitSuccess(admitted.getFirst());
    assertThat(fakes.datastore().databaseNames(active.id())).hasSize(1);
  }

  @Test
  void aMutationInTheWrongStateIsRefusedAndRecordsNothing() {
    Faults.Hold held = fakes.faults().hold("prepare");
    Instance building = fakes.create(TENANT, "young");
    held.awaitReached();
    try {
      assertRefused(StandardErrorCode.CONFLICT, () -> instances().delete(TENANT, building.id()));
    } finally {
      held.release();
    }
    fakes.awaitActive(TENANT, building.id());
    assertThat(fakes.steward().operations().forInstance(building.id())).hasSize(1);
  }

  @Test
  void resetStatusMovesAnIdleInstanceToErrorWithAFault() {
    Instance active = fakes.createActive(TENANT, "reset");
    Instance reset = fakes.steward().admin().resetStatus(TENANT, active.id());
    assertThat(reset.state()).isEqualTo(InstanceState.ERROR);
    assertThat(reset.fault())
        .hasValueSatisfying(fault -> assertThat(fault.code()).isEqualTo("RESET_STATUS"));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () -> fakes.steward().admin().resetStatus("other", active.id()));
    Operation restart = instances().restart(TENANT, active.id());
    fakes.awaitSuccess(restart);
    Instance restarted = fakes.awaitActive(TENANT, active.id());
    assertThat(restarted.fault()).isEmpty();
  }
}
