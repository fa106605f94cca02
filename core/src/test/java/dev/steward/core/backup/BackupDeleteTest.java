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

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.fakes.FakeSteward;
import dev.steward.core.fakes.FakeStewardTest;
import dev.steward.core.fakes.FakeStrategy;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationResource;
import dev.steward.core.operation.OperationService;
import dev.steward.core.operation.OperationState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A backup's delete is an operation on the backup: it is recorded and listed as the backup's, never
 * under an instance whose id would be the backup's, and it deletes the chain's objects and rows.
 * (It used to be recorded with the backup's id as its instance id.)
 */
class BackupDeleteTest extends FakeStewardTest {
  private static final String TENANT = "tenant";

  @Test
  void aBackupsDeleteIsTheBackupsOperation() {
    startFakes();
    Instance source = fakes.createActive(TENANT, "source", FakeStrategy.bytes(10_000, 1));
    Backup backup = backUp(source, Optional.empty());
    OperationService operations = steward().operations();
    List<String> before = ids(operations.forInstance(source.id()));

    Operation delete = steward().backups().delete(TENANT, backup.id());

    assertThat(delete.resource()).isEqualTo(OperationResource.backup(backup.id()));
    assertThat(operations.awaitSuccess(delete.id(), FakeSteward.WAIT).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(ids(operations.forResource(OperationResource.backup(backup.id()))))
        .contains(delete.id());
    // Neither an instance of the backup's id nor the backup's instance lists it.
    assertThat(operations.forInstance(backup.id())).isEmpty();
    assertThat(ids(operations.forInstance(source.id()))).isEqualTo(before);
    assertThat(fakes.platform().objects().list(backup.location())).isEmpty();
    Instance instance = steward().instances().get(TENANT, source.id());
    assertThat(instance.state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(instance.activeOperation()).isEmpty();
  }

  @Test
  void aChainsDeleteIsTheRootsOperationAndDeletesEveryBackupOfIt() {
    startFakes(List.of(FakeStrategy.INCREMENT), Map.of());
    Instance source = fakes.createActive(TENANT, "source", FakeStrategy.bytes(10_000, 2));
    Backup full = backUp(source, Optional.empty());
    fakes.writeData(source.id(), FakeStrategy.bytes(20_000, 2));
    Backup increment = backUp(source, Optional.of(full.id()));

    Operation delete = steward().backups().delete(TENANT, full.id());

    assertThat(delete.resource()).isEqualTo(OperationResource.backup(full.id()));
    assertThat(fakes.awaitSuccess(delete).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(
            steward().operations().forResource(OperationResource.backup(increment.id())).stream()
                .filter(operation -> operation.type().equals(BackupPlans.DELETE)))
        .isEmpty();
    assertThat(fakes.platform().objects().list("backups/")).isEmpty();
  }

  private Backup backUp(Instance source, Optional<String> parentId) {
    return fakes.backUp(TENANT, source, "backup", Optional.empty(), parentId);
  }

  private static List<String> ids(List<Operation> operations) {
    return operations.stream().map(Operation::id).toList();
  }
}
