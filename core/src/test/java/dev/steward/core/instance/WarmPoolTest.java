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

import dev.steward.core.fakes.Eventually;
import dev.steward.core.fakes.FakeDatastore;
import dev.steward.core.fakes.FakeSteward;
import dev.steward.core.fakes.FakeStewardTest;
import dev.steward.core.fakes.Faults;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.datastore.DatabaseSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The warm pool on the fakes: it fills itself, a create of exactly its shape claims a pooled
 * instance (ACTIVE in one transaction, or BUILDING while the request's databases are created), it
 * refills, other shapes are created as usual, tenants never see it, claims count against quotas,
 * and a drain leaves no pooled instance behind.
 */
class WarmPoolTest extends FakeStewardTest {
  private static final String TENANT = "tenant-w";

  private void start(Map<String, String> more) {
    Map<String, String> properties = new HashMap<>(more);
    properties.put("steward.warm-pool", FakeDatastore.NAME + "=2");
    startFakes(properties);
    awaitReady(2);
  }

  private void awaitReady(int ready) {
    Eventually.until(
        ready + " pooled instances ready",
        () -> pool().ready() == ready && pool().existing() == ready);
  }

  private WarmPool.PoolCount pool() {
    return fakes
        .steward()
        .warmPool()
        .counts()
        .getOrDefault(FakeDatastore.NAME, new WarmPool.PoolCount(0, 0));
  }

  @Test
  void aCreateOfThePoolsShapeIsActiveAtOnceAndThePoolRefills() {
    start(Map.of());
    int built = fakes.platform().provisions();
    Instance claimed = fakes.create(TENANT, "fast");
    assertThat(claimed.state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(claimed.activeOperation()).isEmpty();
    assertThat(claimed.tenantId()).isEqualTo(TENANT);
    assertThat(claimed.name()).isEqualTo("fast");
    assertThat(fakes.platform().host(claimed.id()).serverRunning()).isTrue();
    assertThat(fakes.steward().instances().list(TENANT, 10, Optional.empty()))
        .extracting(Instance::id)
        .containsExactly(claimed.id());
    awaitReady(2);
    assertThat(fakes.platform().provisions()).isEqualTo(built + 1);
  }

  @Test
  void aClaimWithDatabasesRunsAClaimOperation() {
    start(Map.of());
    Faults.Hold creating = fakes.faults().hold("createDatabase");
    Instance claimed =
        fakes
            .steward()
            .instances()
            .create(
                CreateInstanceRequest.named(TENANT, "with-db", FakeDatastore.NAME)
                    .withDatabases(List.of(DatabaseSpec.named("app"))));
    creating.awaitReached();
    assertThat(claimed.state()).isEqualTo(InstanceState.BUILDING);
    Operation claim = fakes.steward().operations().get(claimed.activeOperation().orElseThrow());
    assertThat(claim.type()).isEqualTo(InstancePlans.CLAIM);
    assertThat(claim.steps()).containsExactly("create-databases");
    creating.release();
    fakes.awaitActive(TENANT, claimed.id());
    assertThat(fakes.datastore().databaseNames(claimed.id())).containsExactly("app");
  }

  @Test
  void anotherShapeIsCreatedAsUsual() {
    start(Map.of());
    Instance created =
        fakes
            .steward()
            .instances()
            .create(CreateInstanceRequest.named(TENANT, "big", FakeDatastore.NAME).withFlavor("2"));
    assertThat(created.state()).isEqualTo(InstanceState.BUILDING);
    assertThat(fakes.steward().operations().get(created.activeOperation().orElseThrow()).type())
        .isEqualTo(InstancePlans.CREATE);
    fakes.awaitActive(TENANT, created.id());
    assertThat(pool().ready()).isEqualTo(2);
  }

  @Test
  void tenantsNeverSeeThePoolButOperatorsDo() {
    start(Map.of());
    assertThat(fakes.steward().instances().list(WarmPool.TENANT, 10, Optional.empty())).isEmpty();
    List<Instance> all = fakes.steward().admin().listAll(Optional.empty(), 10, Optional.empty());
    assertThat(all).hasSize(2).allMatch(instance -> instance.state() == InstanceState.POOLED);
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () -> fakes.steward().instances().get(WarmPool.TENANT, all.getFirst().id()));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () -> fakes.steward().instances().delete(WarmPool.TENANT, all.getFirst().id()));
    assertThat(fakes.steward().admin().countByState().get(InstanceState.POOLED)).isEqualTo(2);
  }

  @Test
  void aClaimCountsAgainstTheTenantsQuota() {
    start(Map.of("quota.instances", "1"));
    fakes.create(TENANT, "first");
    assertRefused(StandardErrorCode.QUOTA_EXCEEDED, () -> fakes.create(TENANT, "second"));
  }

  @Test
  void aFailedPoolBuildIsDeletedAndDrainEmptiesThePool() {
    startFakes(Map.of("steward.warm-pool", FakeDatastore.NAME + "=1"));
    awaitReady(1);
    fakes.faults().failOnce("prepare", StandardErrorCode.ENGINE_ERROR);
    fakes.create(TENANT, "takes-it");
    // The refill fails; the pool deletes the failed instance and pauses before building again.
    Eventually.until(
        "the failed pool instance deleted",
        () -> {
          // Reconcile now rather than at the loop's next period.
          fakes.steward().warmPool().reconcile();
          return fakes.faults().calls("prepare") >= 2 && pool().existing() == 0;
        });
    fakes.steward().warmPool().drain(FakeSteward.WAIT);
    assertThat(pool()).isEqualTo(new WarmPool.PoolCount(0, 0));
    assertThat(fakes.platform().hostIds()).hasSize(1);
  }
}
