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

import dev.steward.core.fakes.FakeDatastore;
import dev.steward.core.fakes.FakeSteward;
import dev.steward.core.fakes.FakeStewardTest;
import dev.steward.core.fakes.FakeStrategy;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.spi.StandardErrorCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Backups through the real pipeline on the fakes: a fake strategy streams known bytes into
 * compressed, encrypted chunks in a temporary-directory object store; a restore into a new instance
 * gives the same bytes back, logically (into the running engine) or physically (files before the
 * engine starts), also along an incremental chain. Damage fails the restore, a failing tool fails
 * the backup, and neither leaves objects or hosts behind.
 */
class BackupRoundTripTest extends FakeStewardTest {
  private static final String TENANT = "tenant-b";
  private static final int SIZE = 300 * 1024;

  @Test
  void aLogicalBackupRestoresTheSameBytesIntoARunningEngine() {
    startFakes();
    byte[] data = FakeStrategy.bytes(SIZE, 1);
    Instance source = fakes.createActive(TENANT, "source", data);

    Backup backup = backUp(source, "full", Optional.empty());
    assertThat(backup.strategy()).isEqualTo(FakeStrategy.DUMP);
    assertThat(backup.streamBytes()).isEqualTo(SIZE);
    assertThat(backup.storedBytes()).hasValueSatisfying(stored -> assertThat(stored).isPositive());
    assertThat(backup.estimatedBytes()).contains((long) SIZE);
    assertThat(backup.percent()).hasValue(100);
    assertThat(backup.activeOperation()).isEmpty();
    List<String> objects = fakes.platform().objects().list(backup.location());
    assertThat(objects).contains(backup.location() + "manifest.json");
    assertThat(objects.stream().filter(key -> key.contains("chunk-"))).hasSizeGreaterThan(3);
    assertThat(fakes.faults().calls("flush")).isZero();

    Instance restored = restore(backup, "copy");
    assertThat(fakes.data(restored.id())).isEqualTo(data);
    assertThat(restored.datastoreVersion()).isEqualTo(source.datastoreVersion());
    assertThat(steps(restored))
        .containsExactly(
            "provision-host",
            "verify-backup",
            "prepare-engine",
            "start-engine",
            "restore-into-engine");
  }

  @Test
  void aPhysicalBackupWritesTheFilesBeforeTheEngineStarts() {
    startFakes(Map.of("steward.backup.choice", "fakedb=fake-copy"));
    byte[] data = FakeStrategy.bytes(SIZE, 2);
    Instance source = fakes.createActive(TENANT, "source", data);

    Backup backup = backUp(source, "files", Optional.empty());
    assertThat(backup.strategy()).isEqualTo(FakeStrategy.COPY);
    assertThat(fakes.faults().calls("flush")).isEqualTo(1);
    int prepares = fakes.faults().calls("prepare");

    Instance restored = restore(backup, "copy");
    assertThat(fakes.data(restored.id())).isEqualTo(data);
    assertThat(fakes.platform().host(restored.id()).serverRunning()).isTrue();
    assertThat(steps(restored))
        .containsExactly("provision-host", "restore-files", "adopt-files", "start-engine");
    assertThat(fakes.faults().calls("prepare")).isEqualTo(prepares);
    assertThat(fakes.faults().calls("restored")).isEqualTo(1);
  }

  @Test
  void anIncrementalChainRestoresParentFirstAndIsDeletedChildrenFirst() {
    startFakes(List.of(FakeStrategy.INCREMENT), Map.of());
    Instance source = fakes.createActive(TENANT, "source");
    byte[] first = FakeStrategy.bytes(SIZE, 3);
    fakes.writeData(source.id(), first);
    Backup full = backUp(source, "full", Optional.empty());
    byte[] second = FakeStrategy.bytes(SIZE + 100_000, 3);
    System.arraycopy(first, 0, second, 0, first.length);
    fakes.writeData(source.id(), second);
    Backup increment = backUp(source, "increment", Optional.of(full.id()));
    assertThat(increment.parentId()).contains(full.id());
    assertThat(increment.streamBytes()).isEqualTo(100_000);

    Instance restored = restore(increment, "copy");
    assertThat(fakes.data(restored.id())).isEqualTo(second);

    Operation delete = steward().backups().delete(TENANT, full.id());
    fakes.awaitSuccess(delete);
    assertRefused(StandardErrorCode.NOT_FOUND, () -> steward().backups().get(TENANT, full.id()));
    assertRefused(
        StandardErrorCode.NOT_FOUND, () -> steward().backups().get(TENANT, increment.id()));
    assertThat(fakes.platform().objects().list("backups/")).isEmpty();
  }

  @Test
  void aDamagedChunkFailsTheRestoreAndRemovesItsHost() throws IOException {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source", FakeStrategy.bytes(SIZE, 4));
    Backup backup = backUp(source, "full", Optional.empty());
    Path chunk = fakes.platform().objects().path(backup.location() + "chunk-00000002");
    try (RandomAccessFile file = new RandomAccessFile(chunk.toFile(), "rw")) {
      file.seek(100);
      int value = file.read();
      file.seek(100);
      file.write(value ^ 0x40);
    }
    Instance restoring =
        steward()
            .instances()
            .create(
                CreateInstanceRequest.named(TENANT, "victim", FakeDatastore.NAME)
                    .withRestorePoint(backup.id()));
    assertRefused(
        StandardErrorCode.INVALID_STATE,
        "chunk 2",
        () -> fakes.awaitActive(TENANT, restoring.id()));
    Instance failed = steward().instances().get(TENANT, restoring.id());
    assertThat(failed.state()).isEqualTo(InstanceState.ERROR);
    assertThat(failed.fault())
        .hasValueSatisfying(fault -> assertThat(fault.code()).isEqualTo("BACKUP_CORRUPT"));
    assertThat(fakes.platform().hostIds()).doesNotContain(restoring.id());
    // The engine never saw a byte: verification comes before the engine is prepared.
    assertThat(fakes.faults().calls("restore")).isZero();
  }

  @Test
  void aFailingToolFailsTheBackupRemovesItsObjectsAndTheInstanceServesOn() {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source", FakeStrategy.bytes(SIZE, 5));
    fakes.faults().failOnce("backup", StandardErrorCode.COMMAND_FAILED);
    Backup created =
        steward()
            .backups()
            .create(TENANT, source.id(), "doomed", Optional.empty(), Optional.empty());
    assertThat(created.state()).isEqualTo(BackupState.NEW);
    assertThat(steward().instances().get(TENANT, source.id()).state())
        .isIn(InstanceState.BACKUP, InstanceState.ACTIVE);
    assertRefused(
        StandardErrorCode.INVALID_STATE,
        "fake backup failed",
        () ->
            steward()
                .backups()
                .await(TENANT, created.id(), Set.of(BackupState.COMPLETED), FakeSteward.WAIT));
    Backup failed = steward().backups().get(TENANT, created.id());
    assertThat(failed.state()).isEqualTo(BackupState.FAILED);
    assertThat(failed.fault())
        .hasValueSatisfying(fault -> assertThat(fault.code()).isEqualTo("COMMAND_FAILED"));
    assertThat(fakes.platform().objects().list(created.location())).isEmpty();
    assertThat(fakes.awaitActive(TENANT, source.id()).fault()).isEmpty();
    assertRefused(
        StandardErrorCode.BACKUP_INCOMPATIBLE,
        "FAILED, not COMPLETED",
        () ->
            steward()
                .instances()
                .create(
                    CreateInstanceRequest.named(TENANT, "no", FakeDatastore.NAME)
                        .withRestorePoint(created.id())));
    Operation delete = steward().backups().delete(TENANT, created.id());
    fakes.awaitSuccess(delete);
  }

  @Test
  void aRetryableToolFailureTakesTheBackupAgainFromScratch() {
    startFakes();
    byte[] data = FakeStrategy.bytes(SIZE, 6);
    Instance source = fakes.createActive(TENANT, "source", data);
    fakes.faults().failOnce("backup", StandardErrorCode.TIMEOUT);
    Backup backup = backUp(source, "again", Optional.empty());
    assertThat(fakes.faults().calls("backup")).isEqualTo(2);
    assertThat(backup.streamBytes()).isEqualTo(SIZE);
    assertThat(fakes.data(restore(backup, "copy").id())).isEqualTo(data);
  }

  @Test
  void deletingABackupRemovesItsObjects() {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source", FakeStrategy.bytes(1000, 7));
    Backup backup = backUp(source, "short-lived", Optional.empty());
    assertThat(fakes.platform().objects().list(backup.location())).isNotEmpty();
    Operation delete = steward().backups().delete(TENANT, backup.id());
    assertThat(fakes.awaitSuccess(delete).type()).isEqualTo(BackupPlans.DELETE);
    assertThat(fakes.platform().objects().list(backup.location())).isEmpty();
    assertRefused(StandardErrorCode.NOT_FOUND, () -> steward().backups().get(TENANT, backup.id()));
    assertRefused(
        StandardErrorCode.NOT_FOUND, () -> steward().backups().delete(TENANT, backup.id()));
    assertThat(steward().backups().list(TENANT, Optional.empty(), 10, Optional.empty())).isEmpty();
  }

  private Backup backUp(Instance source, String name, Optional<String> parentId) {
    return fakes.backUp(TENANT, source, name, Optional.of("test"), parentId);
  }

  private Instance restore(Backup backup, String name) {
    Instance created =
        steward()
            .instances()
            .create(
                new CreateInstanceRequest(
                    TENANT,
                    name,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    Optional.of(backup.id())));
    assertThat(created.datastore()).isEqualTo(backup.datastore());
    return fakes.awaitActive(TENANT, created.id());
  }

  private List<String> steps(Instance instance) {
    return steward().operations().forInstance(instance.id()).getFirst().steps();
  }
}
