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

import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.instance.WarmPool;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Warm-pool contract ({@code steward.warm-pool}): a create of the pool's shape claims a running
 * pool instance (ACTIVE at once, or after its databases and users), the pool refills itself, other
 * shapes build cold, no tenant ever sees or uses the pool, and lowering the size trims it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class BaseWarmPoolTest extends StewardTestBase {
  private static final Secret PASSWORD = Secret.of("Tck-pool-pass-1");
  private int poolSize = 1;

  @Override
  protected Map<String, String> extraProperties() {
    return Map.of("steward.warm-pool", environment().datastore() + "=" + poolSize);
  }

  @Test
  @Order(1)
  void aMatchingCreateClaimsARunningInstanceAtOnce() throws IOException {
    awaitPool(count -> count.ready() == 1);
    Instance instance = steward.instances().create(request("warm"));
    assertThat(instance.state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(instance.activeOperation()).isEmpty();
    assertThat(instance.tenantId()).isEqualTo(tenant);
    assertThat(instance.name()).isEqualTo("warm");
    try (Socket socket = new Socket()) {
      socket.connect(endpoint(instance), 5_000);
    }
    assertThat(steward.instances().get(tenant, instance.id()).status()).isEqualTo("ACTIVE");
    // the pool builds a replacement by itself
    awaitPool(count -> count.ready() == 1);
    assertThat(steward.instances().list(tenant, 100, Optional.empty()))
        .extracting(Instance::id)
        .containsExactly(instance.id());
  }

  @Test
  @Order(2)
  void aClaimCreatesTheRequestedDatabasesAndUsers() {
    awaitPool(count -> count.ready() == 1);
    Instance claimed = steward.instances().create(withDatabaseAndUser("warm-user", PASSWORD));
    Instance instance =
        claimed.activeOperation().isPresent()
            ? awaitActive(claimed)
            : steward.instances().get(tenant, claimed.id());
    assertThat(instance.state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(client().writeAndRead(endpoint(instance), "appuser", PASSWORD, "appdb", "warm"))
        .isEqualTo("warm");
  }

  @Test
  @Order(3)
  void anotherShapeBuildsColdAndLeavesThePoolAlone() {
    awaitPool(count -> count.ready() == 1);
    Instance building = steward.instances().create(request("cold").withVolumeGb(2));
    assertThat(building.state()).isEqualTo(InstanceState.BUILDING);
    assertThat(steward.warmPool().counts().get(environment().datastore()).ready()).isEqualTo(1);
    awaitActive(building);
  }

  @Test
  @Order(4)
  void noTenantSeesOrUsesThePool() {
    awaitPool(count -> count.ready() == 1);
    assertThat(steward.instances().list(WarmPool.TENANT, 100, Optional.empty())).isEmpty();
    assertFails(
        StandardErrorCode.INVALID_ARGUMENT,
        () ->
            steward
                .instances()
                .create(
                    CreateInstanceRequest.named(WarmPool.TENANT, "x", environment().datastore())));
    assertThat(steward.warmPool().counts().get(environment().datastore()).existing()).isEqualTo(1);
  }

  @Test
  @Order(5)
  void lowerTheSizeAndThePoolIsRemovedWhileTenantInstancesStay() {
    awaitPool(count -> count.ready() == 1);
    steward.close();
    poolSize = 0;
    steward = boot();
    awaitPool(count -> count.existing() == 0);
    assertThat(steward.instances().list(tenant, 100, Optional.empty()))
        .isNotEmpty()
        .allSatisfy(instance -> assertThat(instance.state()).isEqualTo(InstanceState.ACTIVE));
  }

  private Instance awaitActive(Instance created) {
    Operation operation =
        steward.operations().await(created.activeOperation().orElseThrow(), TIMEOUT);
    assertThat(operation.errorMessage()).isEmpty();
    return steward.instances().get(tenant, created.id());
  }

  /** Whatever a test left, the pool's servers do not outlive the class (runs before shutDown). */
  @AfterAll
  void drainPool() {
    steward.warmPool().drain(TIMEOUT);
  }

  private void awaitPool(Predicate<WarmPool.PoolCount> condition) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      WarmPool.PoolCount count =
          steward
              .warmPool()
              .counts()
              .getOrDefault(environment().datastore(), new WarmPool.PoolCount(0, 0));
      if (condition.test(count)) {
        return;
      }
      assertThat(Instant.now()).as("warm pool still %s", count).isBefore(deadline);
      try {
        Thread.sleep(Duration.ofMillis(50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
