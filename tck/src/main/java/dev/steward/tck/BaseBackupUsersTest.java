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
package dev.steward.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupState;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.operation.StepOutcome;
import dev.steward.core.operation.StepRecord;
import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The backup contract ({@link BaseBackupTest}) plus the users a strategy carries: a user created
 * through Steward on the source either logs in to the restored instance with its old password and
 * reads what it wrote (the strategy carries users: password hashes and grants), or cannot, and the
 * restore's operation history then holds a {@code NOTICE} saying so. A strategy's suite says which
 * with {@link #carriesUsers()}.
 */
public abstract class BaseBackupUsersTest extends BaseBackupTest {
  /** Whether a restore recreates the source's users with their passwords and grants. */
  protected abstract boolean carriesUsers();

  @Test
  void aRestoredInstanceHasTheSourcesUsersOrTheRestoreSaysItHasNot() {
    if (!declares(Capability.USERS)) {
      System.err.println("Not applicable: " + environment().datastore() + " declares no USERS");
      return;
    }
    Secret password = Secret.of("Us" + UUID.randomUUID().toString().replace("-", ""));
    Instance source = createActive(withDatabaseAndUser("users-source", password));
    String database = declares(Capability.DATABASES) ? "appdb" : "";
    if (declares(Capability.USER_ACCESS)) {
      assertThat(client().writeAndRead(endpoint(source), "appuser", password, database, "kept"))
          .isEqualTo("kept");
    }
    Backup recorded =
        steward.backups().create(tenant, source.id(), "users", Optional.empty(), Optional.empty());
    Backup backup =
        steward.backups().await(tenant, recorded.id(), Set.of(BackupState.COMPLETED), TIMEOUT);

    CreateInstanceRequest restore = request("users-restored").withRestorePoint(backup.id());
    Instance created = steward.instances().create(restore);
    String operation = created.activeOperation().orElseThrow();
    steward.operations().awaitSuccess(operation, TIMEOUT);
    Instance restored = steward.instances().get(tenant, created.id());
    List<String> notices =
        steward.operations().history(operation).stream()
            .filter(step -> step.outcome() == StepOutcome.NOTICE)
            .map(StepRecord::message)
            .flatMap(Optional::stream)
            .toList();
    if (carriesUsers()) {
      assertThat(client().canLogin(endpoint(restored), "appuser", password))
          .as("the source's user logs in with its old password")
          .isTrue();
      if (declares(Capability.USER_ACCESS)) {
        assertThat(client().canRead(endpoint(restored), "appuser", password, database))
            .as("the source's user keeps its grants")
            .isTrue();
      }
      assertThat(notices).as("restore notices").isEmpty();
    } else {
      assertThat(client().canLogin(endpoint(restored), "appuser", password)).isFalse();
      assertThat(notices).as("restore notices").isNotEmpty();
    }
  }
}
