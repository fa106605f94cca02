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

import dev.steward.core.Steward;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationState;
import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Provisioning contract: create with databases and users, use the instance as its user, refuse a
 * concurrent mutation without a trace, survive a restart of the engine and of the control plane,
 * delete without a trace, refuse bad input without recording anything.
 */
public abstract class BaseProvisioningTest extends StewardTestBase {
  private static final Secret PASSWORD = Secret.of("Tck-user-pass-1");

  private CreateInstanceRequest withDatabaseAndUser(String name) {
    return withDatabaseAndUser(name, PASSWORD);
  }

  @Test
  void createdInstanceServesItsUserOnItsOwnAddress() {
    Instance instance = createActive(withDatabaseAndUser("provisioned"));
    assertThat(instance.address()).isPresent();
    assertThat(instance.address().orElseThrow()).isNotEqualTo("127.0.0.1");
    assertThat(instance.status()).isEqualTo("ACTIVE");
    assertThat(client().writeAndRead(endpoint(instance), "appuser", PASSWORD, "appdb", "hello"))
        .isEqualTo("hello");
    assertThat(steward.instances().list(tenant, 100, Optional.empty()))
        .extracting(Instance::id)
        .contains(instance.id());
  }

  @Test
  void secondMutationDuringBuildIsRefusedWithoutTrace() {
    Instance building = steward.instances().create(request("busy"));
    assertThat(building.state()).isEqualTo(InstanceState.BUILDING);
    assertFails(
        StandardErrorCode.CONFLICT, () -> steward.instances().restart(tenant, building.id()));
    assertFails(
        StandardErrorCode.CONFLICT, () -> steward.instances().delete(tenant, building.id()));
    assertThat(operationsOf(building)).hasSize(1);
    Operation create =
        steward.operations().await(building.activeOperation().orElseThrow(), TIMEOUT);
    assertThat(create.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(operationsOf(building)).hasSize(1);
  }

  @Test
  void restartKeepsData() {
    Instance instance = createActive(withDatabaseAndUser("restarted"));
    client().writeAndRead(endpoint(instance), "appuser", PASSWORD, "appdb", "before-restart");
    succeed(steward.instances().restart(tenant, instance.id()));
    assertThat(steward.instances().get(tenant, instance.id()).state())
        .isEqualTo(InstanceState.ACTIVE);
    assertThat(client().canRead(endpoint(instance), "appuser", PASSWORD, "appdb")).isTrue();
  }

  @Test
  void controlPlaneRestartLeavesInstancesActiveWithTheirData() {
    Instance instance = createActive(withDatabaseAndUser("survivor"));
    client().writeAndRead(endpoint(instance), "appuser", PASSWORD, "appdb", "kept");
    steward.close();
    // The server keeps serving while the control plane is down.
    assertThat(client().canRead(endpoint(instance), "appuser", PASSWORD, "appdb")).isTrue();
    steward = boot();
    Instance after = steward.instances().get(tenant, instance.id());
    assertThat(after.state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(client().canRead(endpoint(instance), "appuser", PASSWORD, "appdb")).isTrue();
    assertThat(operationsOf(instance)).hasSize(1);
  }

  @Test
  void deleteRemovesEverything() throws Exception {
    Instance instance = createActive(request("doomed"));
    InetSocketAddress endpoint = endpoint(instance);
    assertThat(listening(endpoint)).isTrue();
    succeed(steward.instances().delete(tenant, instance.id()));
    assertFails(StandardErrorCode.NOT_FOUND, () -> steward.instances().get(tenant, instance.id()));
    assertThat(listening(endpoint)).isFalse();
    assertThat(steward.instances().list(tenant, 1000, Optional.empty()))
        .extracting(Instance::id)
        .doesNotContain(instance.id());
  }

  @Test
  void badRequestsRecordNothing() {
    int before = steward.instances().list(tenant, 1000, Optional.empty()).size();
    assertFails(
        StandardErrorCode.NOT_FOUND,
        () -> steward.instances().create(request("x").withFlavor("no-such-flavor")));
    assertFails(
        StandardErrorCode.NOT_FOUND,
        () ->
            steward
                .instances()
                .create(CreateInstanceRequest.named(tenant, "x", "no-such-datastore")));
    assertFails(StandardErrorCode.INVALID_ARGUMENT, () -> steward.instances().create(request(" ")));
    if (declares(Capability.DATABASES)) {
      assertFails(
          StandardErrorCode.INVALID_NAME,
          () ->
              steward
                  .instances()
                  .create(request("x").withDatabases(List.of(DatabaseSpec.named("bad\"; DROP")))));
    }
    if (declares(Capability.USERS) && declares(Capability.USER_ACCESS)) {
      assertFails(
          StandardErrorCode.NOT_FOUND,
          () ->
              steward
                  .instances()
                  .create(
                      request("x")
                          .withUsers(
                              List.of(
                                  new UserSpec(UserRef.of("u1"), PASSWORD, List.of("missing"))))));
    }
    assertThat(steward.instances().list(tenant, 1000, Optional.empty())).hasSize(before);
  }

  @Test
  void anotherTenantSeesNothing() {
    Instance instance = createActive(request("private"));
    assertFails(
        StandardErrorCode.NOT_FOUND, () -> steward.instances().get("intruder", instance.id()));
    assertFails(
        StandardErrorCode.NOT_FOUND, () -> steward.instances().delete("intruder", instance.id()));
    assertThat(steward.instances().list("intruder", 100, Optional.empty())).isEmpty();
    assertThat(steward.instances().get(tenant, instance.id()).state())
        .isEqualTo(InstanceState.ACTIVE);
  }

  @Test
  void awaitingTheFinalStateSeesNoOperationLeft() {
    Instance instance = steward.instances().create(request("awaited"));
    Instance active =
        steward.instances().await(tenant, instance.id(), Set.of(InstanceState.ACTIVE), TIMEOUT);
    assertThat(active.activeOperation()).isEmpty();
  }

  private static boolean listening(InetSocketAddress endpoint) {
    try (Socket socket = new Socket()) {
      socket.connect(endpoint, 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  protected Steward currentSteward() {
    return steward;
  }
}
