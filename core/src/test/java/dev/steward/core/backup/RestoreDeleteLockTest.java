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
package dev.steward.core.backup;

import static dev.steward.core.fakes.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.Steward;
import dev.steward.core.fakes.FakeDatastore;
import dev.steward.core.fakes.FakeStewardTest;
import dev.steward.core.fakes.FakeStrategy;
import dev.steward.core.fakes.Faults;
import dev.steward.core.fakes.MemoryStore;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.StepOutcome;
import dev.steward.core.operation.StepRecord;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A restore holds the backups it reads: while it runs, a delete of any backup of its chain is
 * refused with CONFLICT (the reference server's 409) and changes nothing; the hold is a row of the
 * store, seen by every control plane; it ends with the restore's operation — after success, after a
 * failure and its compensation.
 */
class RestoreDeleteLockTest extends FakeStewardTest {
  private static final String TENANT = "tenant-r";

  @Test
  void aDeleteIsRefusedWhileARestoreReadsTheBackupAndAdmittedAfterIt() {
    startFakes();
    Backup backup = sourceBackup();
    whileRestoring(
        backup,
        restoring -> {
          assertRefused(
              StandardErrorCode.CONFLICT,
              "being read by a restore (operation "
                  + restoring.activeOperation().orElseThrow()
                  + ")",
              () -> steward().backups().delete(TENANT, backup.id()));
          assertThat(steward().backups().get(TENANT, backup.id()).state())
              .isEqualTo(BackupState.COMPLETED);
          assertThat(steward().operations().forInstance(backup.id())).isEmpty();
        });
    deleteAndAwait(backup);
  }

  @Test
  void theHoldIsStoredStateThatEveryControlPlaneSees() {
    startFakes();
    Backup backup = sourceBackup();
    whileRestoring(
        backup,
        restoring -> {
          Steward otherNode = fakes.startAnotherNode();
          assertRefused(
              StandardErrorCode.CONFLICT, () -> otherNode.backups().delete(TENANT, backup.id()));
          try (Store store = MemoryStore.open(fakes.storeUrl())) {
            List<String> readers =
                store.withHandle(handle -> new BackupStore(store).readers(handle, backup.id()));
            assertThat(readers).containsExactly(restoring.activeOperation().orElseThrow());
          }
        });
    deleteAndAwait(backup);
  }

  @Test
  void theHoldOutlivesACrashInsideTheRestoreAndEndsWithTheResumedOperation() {
    startFakes(Map.of("steward.lease-duration", "1s"));
    Backup backup = sourceBackup();
    fakes.faults().crashOnce("restore");
    // The crashed attempt leaves the operation leased; once the lease expired it is resumed.
    Faults.Hold resumed = fakes.faults().hold("restore");
    Instance restoring = restoreFrom(backup);
    resumed.awaitReached();
    try {
      assertThat(fakes.faults().calls("restore")).isEqualTo(2);
      assertRefused(
          StandardErrorCode.CONFLICT,
          "being read by a restore",
          () -> steward().backups().delete(TENANT, backup.id()));
    } finally {
      resumed.release();
    }
    fakes.awaitActive(TENANT, restoring.id());
    assertThat(
            steward().operations().history(restoring.activeOperation().orElseThrow()).stream()
                .filter(step -> step.step().equals("restore-into-engine"))
                .map(StepRecord::outcome))
        .containsSubsequence(StepOutcome.STARTED, StepOutcome.STARTED, StepOutcome.DONE);
    deleteAndAwait(backup);
  }

  @Test
  void theHoldEndsWithAFailedRestoreAfterItsCompensation() {
    startFakes();
    Backup backup = sourceBackup();
    fakes.faults().failOnce("restore", StandardErrorCode.COMMAND_FAILED);
    Instance restoring = restoreFrom(backup);
    assertRefused(
        StandardErrorCode.INVALID_STATE,
        "fake restore failed",
        () -> fakes.awaitActive(TENANT, restoring.id()));
    assertThat(steward().instances().get(TENANT, restoring.id()).state())
        .isEqualTo(InstanceState.ERROR);
    assertThat(fakes.platform().hostIds()).doesNotContain(restoring.id());
    deleteAndAwait(backup);
  }

  @Test
  void theHoldEndsWithARestoreThatFailedBeforeReading() {
    startFakes();
    Backup backup = sourceBackup();
    fakes.faults().failOnce("provision", StandardErrorCode.PLATFORM_FAILURE);
    Instance restoring = restoreFrom(backup);
    assertRefused(StandardErrorCode.INVALID_STATE, () -> fakes.awaitActive(TENANT, restoring.id()));
    assertThat(fakes.faults().calls("restore")).isZero();
    deleteAndAwait(backup);
  }

  @Test
  void aRestoreOfAnIncrementHoldsItsWholeChain() {
    startFakes(List.of(FakeStrategy.INCREMENT), Map.of());
    Instance source = fakes.createActive(TENANT, "source", FakeStrategy.bytes(5000, 8));
    Backup full = backUp(source, Optional.empty());
    fakes.writeData(source.id(), FakeStrategy.bytes(9000, 8));
    Backup increment = backUp(source, Optional.of(full.id()));
    whileRestoring(
        increment,
        restoring -> {
          assertRefused(
              StandardErrorCode.CONFLICT, () -> steward().backups().delete(TENANT, full.id()));
          assertRefused(
              StandardErrorCode.CONFLICT, () -> steward().backups().delete(TENANT, increment.id()));
        });
    deleteAndAwait(full);
    assertRefused(
        StandardErrorCode.NOT_FOUND, () -> steward().backups().get(TENANT, increment.id()));
  }

  @Test
  void twoRestoresOfOneBackupBothHoldIt() {
    startFakes();
    Backup backup = sourceBackup();
    Faults.Hold first = fakes.faults().hold("restore");
    Instance one = restoreFrom(backup);
    first.awaitReached();
    Faults.Hold second;
    Instance two;
    try {
      second = fakes.faults().hold("restore");
      two = restoreFrom(backup);
      second.awaitReached();
    } finally {
      first.release();
    }
    try {
      fakes.awaitActive(TENANT, one.id());
      assertRefused(
          StandardErrorCode.CONFLICT, () -> steward().backups().delete(TENANT, backup.id()));
    } finally {
      second.release();
    }
    fakes.awaitActive(TENANT, two.id());
    deleteAndAwait(backup);
  }

  @Test
  void aBackupBeingDeletedCannotSeedARestore() {
    startFakes();
    Backup backup = sourceBackup();
    deleteAndAwait(backup);
    assertRefused(StandardErrorCode.NOT_FOUND, () -> restoreFrom(backup));
    assertThat(steward().instances().list(TENANT, 10, Optional.empty())).hasSize(1);
  }

  private Backup sourceBackup() {
    Instance source = fakes.createActive(TENANT, "source", FakeStrategy.bytes(200_000, 9));
    return backUp(source, Optional.empty());
  }

  private Backup backUp(Instance source, Optional<String> parentId) {
    return fakes.backUp(TENANT, source, "b", Optional.empty(), parentId);
  }

  /** Runs {@code during} while a restore of the backup is inside its strategy, then lets it end. */
  private void whileRestoring(Backup backup, Consumer<Instance> during) {
    Faults.Hold reading = fakes.faults().hold("restore");
    Instance restoring = restoreFrom(backup);
    reading.awaitReached();
    try {
      during.accept(restoring);
    } finally {
      reading.release();
    }
    fakes.awaitActive(TENANT, restoring.id());
  }

  private Instance restoreFrom(Backup backup) {
    return steward()
        .instances()
        .create(
            CreateInstanceRequest.named(TENANT, "restored", FakeDatastore.NAME)
                .withRestorePoint(backup.id()));
  }

  private void deleteAndAwait(Backup backup) {
    Operation delete = steward().backups().delete(TENANT, backup.id());
    fakes.awaitSuccess(delete);
    assertRefused(StandardErrorCode.NOT_FOUND, () -> steward().backups().get(TENANT, backup.id()));
  }
}
