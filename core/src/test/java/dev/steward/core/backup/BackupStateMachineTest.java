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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.fakes.MemoryStore;
import dev.steward.core.model.Fault;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.platform.Resources;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backup states: the declared table, and the one writer that moves rows along it in the store —
 * legal moves happen (repeats are no-ops), illegal ones are refused with INVALID_STATE and change
 * nothing, a row that moved meanwhile is a CONFLICT, and deletes are refused while an operation
 * holds the backup or a restore reads it.
 */
class BackupStateMachineTest {
  private static final String TENANT = "tenant-s";
  private static final Map<BackupState, Set<BackupState>> TABLE =
      Map.of(
          BackupState.NEW, EnumSet.of(BackupState.BUILDING, BackupState.FAILED),
          BackupState.BUILDING,
              EnumSet.of(BackupState.BUILDING, BackupState.SAVING, BackupState.FAILED),
          BackupState.SAVING,
              EnumSet.of(BackupState.COMPLETED, BackupState.FAILED, BackupState.BUILDING),
          BackupState.COMPLETED, EnumSet.of(BackupState.DELETING),
          BackupState.FAILED, EnumSet.of(BackupState.DELETING),
          BackupState.DELETING, EnumSet.of(BackupState.DELETED, BackupState.DELETE_FAILED),
          BackupState.DELETE_FAILED, EnumSet.of(BackupState.DELETING),
          BackupState.DELETED, EnumSet.noneOf(BackupState.class));

  private final String memoryUrl = MemoryStore.newUrl();
  private Store store;
  private BackupStore backups;
  private BackupStateMachine states;
  private String instanceId;

  /** A migrated store; {@link PostgresBackupStateMachineTest} runs the same on PostgreSQL. */
  Store openStore() {
    return MemoryStore.open(memoryUrl);
  }

  void dropStore() {
    MemoryStore.drop(memoryUrl);
  }

  @BeforeEach
  void open() {
    store = openStore();
    backups = new BackupStore(store);
    states = new BackupStateMachine(store, backups, Clock.systemUTC());
    instanceId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Instance instance =
        new Instance(
            instanceId,
            TENANT,
            "source",
            "fakedb",
            "1",
            "1",
            new Resources(512, 1, 1),
            InstanceState.ACTIVE,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    inTransaction(handle -> new InstanceStore(store).insert(handle, instance, "sealed-admin"));
  }

  @AfterEach
  void close() {
    store.close();
    dropStore();
  }

  @Test
  void theTableIsTheDeclaredOne() {
    for (BackupState from : BackupState.values()) {
      for (BackupState to : BackupState.values()) {
        assertThat(from.canBecome(to))
            .as(from + " → " + to)
            .isEqualTo(TABLE.get(from).contains(to));
      }
    }
  }

  @Test
  void aBackupWalksNewBuildingSavingCompletedAndKeepsItsInstancesSecret() {
    String operation = UUID.randomUUID().toString();
    String id = record(operation);
    assertThat(backups.sealedAdminSecret(id)).isEqualTo("sealed-admin");
    assertThat(find(id).activeOperation()).contains(operation);
    states.building(id);
    assertThat(find(id).state()).isEqualTo(BackupState.BUILDING);
    states.progress(id, 1234);
    assertThat(find(id).streamBytes()).isEqualTo(1234);
    states.saving(id);
    states.sizes(id, 2000, 900L, 2500L);
    inTransaction(handle -> states.completed(handle, id, operation));
    Backup done = find(id);
    assertThat(done.state()).isEqualTo(BackupState.COMPLETED);
    assertThat(done.activeOperation()).isEmpty();
    assertThat(done.streamBytes()).isEqualTo(2000);
    assertThat(done.storedBytes()).contains(900L);
    assertThat(done.estimatedBytes()).contains(2500L);
    assertThat(done.percent()).hasValue(100);
    assertThat(done.fault()).isEmpty();
  }

  @Test
  void repeatingAReachedStateIsANoOpAndBuildingMayRestart() {
    String operation = UUID.randomUUID().toString();
    String id = record(operation);
    states.building(id);
    states.building(id);
    states.saving(id);
    states.saving(id);
    states.building(id); // a repeated step without a durable manifest starts over
    states.saving(id);
    inTransaction(handle -> states.completed(handle, id, operation));
    inTransaction(handle -> states.completed(handle, id, operation));
    assertThat(find(id).state()).isEqualTo(BackupState.COMPLETED);
  }

  @Test
  void illegalTransitionsAreRefusedAndChangeNothing() {
    String operation = UUID.randomUUID().toString();
    String id = record(operation);
    assertRefused(
        StandardErrorCode.INVALID_STATE, "cannot go from NEW to SAVING", () -> states.saving(id));
    assertRefused(
        StandardErrorCode.INVALID_STATE,
        "cannot go from NEW to COMPLETED",
        () -> inTransaction(handle -> states.completed(handle, id, operation)));
    assertThat(find(id).state()).isEqualTo(BackupState.NEW);
    assertThat(find(id).activeOperation()).contains(operation);
    complete(id, operation);
    assertRefused(StandardErrorCode.INVALID_STATE, () -> states.building(id));
    assertRefused(
        StandardErrorCode.INVALID_STATE,
        () -> inTransaction(handle -> states.deleted(handle, id, operation)));
    assertThat(find(id).state()).isEqualTo(BackupState.COMPLETED);
  }

  @Test
  void aFailedBackupKeepsItsFaultAndCanBeDeleted() {
    String operation = UUID.randomUUID().toString();
    String id = record(operation);
    states.building(id);
    Fault fault = new Fault("COMMAND_FAILED", "the tool broke", Instant.now());
    inTransaction(handle -> states.failed(handle, id, operation, fault));
    Backup failed = find(id);
    assertThat(failed.state()).isEqualTo(BackupState.FAILED);
    assertThat(failed.activeOperation()).isEmpty();
    assertThat(failed.fault())
        .hasValueSatisfying(f -> assertThat(f.message()).isEqualTo("the tool broke"));
    String delete = UUID.randomUUID().toString();
    inTransaction(handle -> states.deleting(handle, id, delete));
    assertThat(find(id).state()).isEqualTo(BackupState.DELETING);
    assertThat(find(id).fault()).isEmpty();
    inTransaction(handle -> states.deleted(handle, id, delete));
    assertThat(find(id).state()).isEqualTo(BackupState.DELETED);
    assertThat(find(id).activeOperation()).isEmpty();
    assertRefused(
        StandardErrorCode.INVALID_STATE,
        () -> inTransaction(handle -> states.deleting(handle, id, UUID.randomUUID().toString())));
  }

  @Test
  void aDeleteThatFailedMayBeRepeated() {
    String id = completed();
    String first = UUID.randomUUID().toString();
    inTransaction(handle -> states.deleting(handle, id, first));
    Fault fault = new Fault("PLATFORM_FAILURE", "object store down", Instant.now());
    inTransaction(handle -> states.deleteFailed(handle, id, first, fault));
    assertThat(find(id).state()).isEqualTo(BackupState.DELETE_FAILED);
    String second = UUID.randomUUID().toString();
    inTransaction(handle -> states.deleting(handle, id, second));
    inTransaction(handle -> states.deleted(handle, id, second));
    assertThat(find(id).state()).isEqualTo(BackupState.DELETED);
  }

  @Test
  void aDeleteIsRefusedWhileAnOperationHoldsTheBackup() {
    String operation = UUID.randomUUID().toString();
    String id = record(operation);
    assertRefused(
        StandardErrorCode.CONFLICT,
        "busy with another operation",
        () -> inTransaction(handle -> states.deleting(handle, id, UUID.randomUUID().toString())));
    assertThat(find(id).state()).isEqualTo(BackupState.NEW);
  }

  @Test
  void aRestoreHoldsTheBackupUntilItIsReleasedAndTheHoldIsStoredState() {
    String id = completed();
    String restore = UUID.randomUUID().toString();
    inTransaction(handle -> states.hold(handle, id, restore));
    inTransaction(handle -> states.hold(handle, id, restore));
    assertThat(readers(id)).containsExactly(restore);
    assertRefused(
        StandardErrorCode.CONFLICT,
        "being read by a restore (operation " + restore + ")",
        () -> inTransaction(handle -> states.deleting(handle, id, UUID.randomUUID().toString())));
    assertThat(find(id).state()).isEqualTo(BackupState.COMPLETED);

    // What a restarted control plane sees: the hold is a row of the store, not memory.
    try (Store restarted = openStore()) {
      BackupStateMachine after =
          new BackupStateMachine(restarted, new BackupStore(restarted), Clock.systemUTC());
      assertRefused(
          StandardErrorCode.CONFLICT,
          () ->
              restarted.inTransaction(handle -> {
                after.deleting(handle, id, UUID.randomUUID().toString());
                return null;
              }));
      restarted.inTransaction(handle -> {
        after.release(handle, restore);
        return null;
      });
    }
    assertThat(readers(id)).isEmpty();
    inTransaction(handle -> states.deleting(handle, id, UUID.randomUUID().toString()));
    assertThat(find(id).state()).isEqualTo(BackupState.DELETING);
  }

  @Test
  void onlyACompletedBackupCanBeHeld() {
    String operation = UUID.randomUUID().toString();
    String id = record(operation);
    assertRefused(
        StandardErrorCode.BACKUP_INCOMPATIBLE,
        "is NEW, not COMPLETED",
        () -> inTransaction(handle -> states.hold(handle, id, UUID.randomUUID().toString())));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () ->
            inTransaction(handle -> states.hold(handle, "missing", UUID.randomUUID().toString())));
    assertThat(readers(id)).isEmpty();
  }

  @Test
  void aRowThatMovedMeanwhileIsAConflict() {
    String id = record(UUID.randomUUID().toString());
    assertRefused(
        StandardErrorCode.CONFLICT,
        "changed concurrently",
        () ->
            inTransaction(handle ->
                backups.compareAndSet(
                    handle,
                    id,
                    BackupState.BUILDING,
                    BackupState.SAVING,
                    Optional.empty(),
                    Instant.now())));
    assertThat(find(id).state()).isEqualTo(BackupState.NEW);
  }

  @Test
  void aBackupIsRecordedNewHeldByItsOperationOfAnExistingInstance() {
    Backup idle = backup(UUID.randomUUID().toString(), instanceId, Optional.empty());
    assertThat(idle.activeOperation()).isEmpty();
    assertThatThrownBy(() -> inTransaction(handle -> states.created(handle, idle)))
        .isInstanceOf(IllegalArgumentException.class);
    Backup orphan =
        backup(UUID.randomUUID().toString(), "no-such-instance", Optional.of("operation"));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        "Instance no-such-instance",
        () -> inTransaction(handle -> states.created(handle, orphan)));
    assertThat(backups.find(orphan.id())).isEmpty();
  }

  private String completed() {
    String operation = UUID.randomUUID().toString();
    String id = record(operation);
    complete(id, operation);
    return id;
  }

  private void complete(String id, String operation) {
    states.building(id);
    states.saving(id);
    inTransaction(handle -> states.completed(handle, id, operation));
  }

  private String record(String operationId) {
    Backup backup = backup(UUID.randomUUID().toString(), instanceId, Optional.of(operationId));
    inTransaction(handle -> states.created(handle, backup));
    return backup.id();
  }

  private static Backup backup(String id, String instanceId, Optional<String> operationId) {
    Instant now = Instant.now();
    return new Backup(
        id,
        TENANT,
        instanceId,
        "b",
        Optional.empty(),
        "fakedb",
        "1",
        "fake-dump",
        Optional.empty(),
        BackupState.NEW,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        operationId,
        now,
        now);
  }

  private List<String> readers(String id) {
    return store.withHandle(handle -> backups.readers(handle, id));
  }

  private Backup find(String id) {
    return backups.find(id).orElseThrow();
  }

  private void inTransaction(Consumer<Handle> work) {
    store.inTransaction(handle -> {
      work.accept(handle);
      return null;
    });
  }
}
