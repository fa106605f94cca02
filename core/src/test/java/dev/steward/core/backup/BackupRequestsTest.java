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
import dev.steward.core.fakes.Faults;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.instance.WarmPool;
import dev.steward.core.model.Instance;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.datastore.DatabaseSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore requests are checked completely before anything is recorded: names,
 * descriptions, tenancy, the instance's state, increments, supported datastores, and a restore's
 * datastore and version. Listing pages a tenant's backups.
 */
class BackupRequestsTest extends FakeStewardTest {
  private static final String TENANT = "tenant-v";

  private Backup create(String instanceId, String name) {
    return steward().backups().create(TENANT, instanceId, name, Optional.empty(), Optional.empty());
  }

  private Backup completed(Instance source, String name) {
    return fakes.backUp(TENANT, source, name, Optional.empty(), Optional.empty());
  }

  @Test
  void badRequestsAreRefusedAndRecordNothing() {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source");
    assertRefused(StandardErrorCode.INVALID_ARGUMENT, () -> create(source.id(), " "));
    assertRefused(StandardErrorCode.INVALID_ARGUMENT, () -> create(source.id(), "a\u0007b"));
    assertRefused(StandardErrorCode.INVALID_ARGUMENT, () -> create(source.id(), "n".repeat(256)));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () ->
            steward()
                .backups()
                .create(TENANT, source.id(), "b", Optional.of("d".repeat(1025)), Optional.empty()));
    assertRefused(StandardErrorCode.NOT_FOUND, () -> create("no-such-instance", "b"));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () ->
            steward()
                .backups()
                .create("another", source.id(), "b", Optional.empty(), Optional.empty()));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () ->
            steward()
                .backups()
                .create(WarmPool.TENANT, source.id(), "b", Optional.empty(), Optional.empty()));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () ->
            steward()
                .backups()
                .create(TENANT, source.id(), "b", Optional.empty(), Optional.of("no-parent")));
    steward().admin().resetStatus(TENANT, source.id());
    assertRefused(StandardErrorCode.INVALID_STATE, () -> create(source.id(), "b"));
    assertThat(steward().backups().list(TENANT, Optional.empty(), 10, Optional.empty())).isEmpty();
    assertThat(fakes.faults().calls("backup")).isZero();
  }

  @Test
  void anIncrementNeedsAnIncrementalStrategyAndAParentOfTheSameInstance() {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source");
    Instance other = fakes.createActive(TENANT, "other");
    Backup full = completed(source, "full");
    assertRefused(
        StandardErrorCode.BACKUP_INCOMPATIBLE,
        "incremental strategy",
        () ->
            steward()
                .backups()
                .create(TENANT, source.id(), "inc", Optional.empty(), Optional.of(full.id())));
    assertRefused(
        StandardErrorCode.BACKUP_INCOMPATIBLE,
        () ->
            steward()
                .backups()
                .create(TENANT, other.id(), "inc", Optional.empty(), Optional.of(full.id())));
  }

  @Test
  void aDatastoreWithoutBackupStrategiesSupportsNoBackups() {
    startFakes(List.of(), Map.of());
    Instance source = fakes.createActive(TENANT, "source");
    assertRefused(
        StandardErrorCode.NOT_SUPPORTED, "not supported here", () -> create(source.id(), "b"));
  }

  @Test
  void aRestoreMustMatchTheBackupsDatastoreAndVersion() {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source");
    Backup backup = completed(source, "full");
    assertRefused(
        StandardErrorCode.BACKUP_INCOMPATIBLE,
        "it cannot seed fakedb 2",
        () ->
            steward()
                .instances()
                .create(
                    new CreateInstanceRequest(
                        TENANT,
                        "other-version",
                        Optional.empty(),
                        Optional.of("2"),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        Optional.of(backup.id()))));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () ->
            steward()
                .instances()
                .create(
                    CreateInstanceRequest.named("another", "theirs", FakeDatastore.NAME)
                        .withRestorePoint(backup.id())));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () ->
            steward()
                .instances()
                .create(
                    CreateInstanceRequest.named(TENANT, "nothing", FakeDatastore.NAME)
                        .withRestorePoint("no-such-backup")));
    assertThat(steward().instances().list(TENANT, 10, Optional.empty())).hasSize(1);
  }

  @Test
  void aRestoreCreatesTheRequestsDatabasesAfterTheData() {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source");
    byte[] data = FakeStrategy.bytes(70_000, 11);
    fakes.writeData(source.id(), data);
    Backup backup = completed(source, "full");
    Instance restored =
        steward()
            .instances()
            .create(
                CreateInstanceRequest.named(TENANT, "restored", FakeDatastore.NAME)
                    .withRestorePoint(backup.id())
                    .withDatabases(List.of(DatabaseSpec.named("extra"))));
    fakes.awaitActive(TENANT, restored.id());
    assertThat(fakes.data(restored.id())).isEqualTo(data);
    assertThat(fakes.datastore().databaseNames(restored.id())).containsExactly("extra");
    assertThat(steward().operations().get(restored.activeOperation().orElseThrow()).steps())
        .endsWith("restore-into-engine", "create-databases");
  }

  @Test
  void listsPageATenantsBackupsOptionallyOfOneInstance() {
    startFakes();
    Instance first = fakes.createActive(TENANT, "first");
    Instance second = fakes.createActive(TENANT, "second");
    Backup a = completed(first, "a");
    Backup b = completed(second, "b");
    Backup c = completed(first, "c");
    BackupService backups = steward().backups();
    assertThat(backups.list(TENANT, Optional.empty(), 10, Optional.empty()))
        .extracting(Backup::id)
        .containsExactly(a.id(), b.id(), c.id());
    assertThat(backups.list(TENANT, Optional.of(first.id()), 10, Optional.empty()))
        .extracting(Backup::id)
        .containsExactly(a.id(), c.id());
    assertThat(backups.list(TENANT, Optional.empty(), 1, Optional.of(a.id())))
        .extracting(Backup::id)
        .containsExactly(b.id());
    assertThat(backups.list("another", Optional.empty(), 10, Optional.empty())).isEmpty();
    assertThat(backups.list(WarmPool.TENANT, Optional.empty(), 10, Optional.empty())).isEmpty();
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () -> backups.list(TENANT, Optional.empty(), 0, Optional.empty()));
    assertRefused(StandardErrorCode.NOT_FOUND, () -> backups.get("another", a.id()));
    assertRefused(StandardErrorCode.NOT_FOUND, () -> backups.delete("another", a.id()));
  }

  @Test
  void awaitTimesOutWhileTheBackupIsStillBuilding() {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source");
    Faults.Hold held = fakes.faults().hold("backup");
    Backup backup = create(source.id(), "slow");
    held.awaitReached();
    try {
      assertThat(steward().backups().get(TENANT, backup.id()).state())
          .isEqualTo(BackupState.BUILDING);
      assertRefused(
          StandardErrorCode.TIMEOUT,
          () ->
              steward()
                  .backups()
                  .await(
                      TENANT, backup.id(), Set.of(BackupState.COMPLETED), Duration.ofMillis(30)));
      assertRefused(
          StandardErrorCode.CONFLICT, () -> steward().backups().delete(TENANT, backup.id()));
    } finally {
      held.release();
    }
    steward().backups().await(TENANT, backup.id(), Set.of(BackupState.COMPLETED), FakeSteward.WAIT);
  }
}
