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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.fakes.FakeDatastore;
import dev.steward.core.fakes.FakeHost;
import dev.steward.core.fakes.FakeSteward;
import dev.steward.core.fakes.FakeStewardTest;
import dev.steward.core.fakes.Faults;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationState;
import dev.steward.core.operation.StepOutcome;
import dev.steward.core.operation.StepPhase;
import dev.steward.core.operation.StepRecord;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instance create, restart and delete through the real Steward services and operation engine, on
 * the fake platform and engine: what each step leaves on the host, what a failure compensates, and
 * that a refused request records nothing.
 */
class InstanceLifecycleTest extends FakeStewardTest {
  private static final String TENANT = "tenant-a";

  @BeforeEach
  void setUp() {
    startFakes();
  }

  @Test
  void createProvisionsPreparesStartsAndCreatesDatabasesAndUsers() {
    CreateInstanceRequest request =
        CreateInstanceRequest.named(TENANT, "  orders  ", FakeDatastore.NAME)
            .withFlavor("2")
            .withVolumeGb(5)
            .withDatabases(List.of(DatabaseSpec.named("orders")))
            .withUsers(
                List.of(
                    new UserSpec(
                        new UserRef("app", "%"), Secret.of("a-long-pass"), List.of("orders"))));
    Instance created = instances().create(request);
    assertThat(created.state()).isEqualTo(InstanceState.BUILDING);
    assertThat(created.name()).isEqualTo("orders");
    assertThat(created.activeOperation()).isPresent();
    assertThat(created.resources().ramMb()).isEqualTo(2048);
    assertThat(created.resources().volumeGb()).isEqualTo(5);

    Instance active = fakes.awaitActive(TENANT, created.id());
    assertThat(active.activeOperation()).isEmpty();
    assertThat(active.address())
        .hasValueSatisfying(address -> assertThat(address).startsWith("127.77."));
    assertThat(active.status()).isEqualTo("ACTIVE");
    FakeHost host = fakes.platform().host(created.id());
    assertThat(host.serverRunning()).isTrue();
    assertThat(fakes.datastore().databaseNames(created.id())).containsExactly("orders");
    assertThat(fakes.datastore().userNames(created.id())).containsExactly("app");
    assertThat(fakes.faults().journal())
        .containsSubsequence("provision", "prepare", "start", "createDatabase", "createUser");
    Operation operation = fakes.steward().operations().get(created.activeOperation().get());
    assertThat(operation.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(operation.steps())
        .containsExactly(
            "provision-host", "prepare-engine", "start-engine", "create-databases", "create-users");
  }

  @Test
  void stepsWithNothingToDoAreLeftOut() {
    Instance created = fakes.create(TENANT, "bare");
    fakes.awaitActive(TENANT, created.id());
    Operation operation = fakes.steward().operations().get(created.activeOperation().get());
    assertThat(operation.steps())
        .containsExactly("provision-host", "prepare-engine", "start-engine");
    assertThat(fakes.faults().calls("createDatabase")).isZero();
  }

  @Test
  void deleteStopsTheEngineAndDestroysTheHost() {
    Instance active = fakes.createActive(TENANT, "doomed");
    Faults.Hold stopping = fakes.faults().hold("stop");
    Operation delete = instances().delete(TENANT, active.id());
    stopping.awaitReached();
    assertThat(instances().get(TENANT, active.id()).status()).isEqualTo("SHUTDOWN");
    stopping.release();
    assertThat(fakes.awaitSuccess(delete).state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(fakes.platform().hostIds()).doesNotContain(active.id());
    assertThat(fakes.faults().journal()).containsSubsequence("stop", "stopServer", "destroy");
    assertRefused(StandardErrorCode.NOT_FOUND, () -> instances().get(TENANT, active.id()));
    assertThat(instances().list(TENANT, 10, Optional.empty())).isEmpty();
    assertRefused(StandardErrorCode.NOT_FOUND, () -> instances().delete(TENANT, active.id()));
  }

  @Test
  void restartStopsAndStartsTheServer() {
    Instance active = fakes.createActive(TENANT, "bouncy");
    FakeHost host = fakes.platform().host(active.id());
    Faults.Hold stopping = fakes.faults().hold("stop");
    Operation restart = instances().restart(TENANT, active.id());
    stopping.awaitReached();
    assertThat(instances().get(TENANT, active.id()).status()).isEqualTo("REBOOT");
    stopping.release();
    fakes.awaitSuccess(restart);
    assertThat(fakes.awaitActive(TENANT, active.id()).state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(host.serverRunning()).isTrue();
    assertThat(host.serverStarts()).isEqualTo(2);
    List<String> steps =
        fakes.steward().operations().history(restart.id()).stream()
            .filter(step -> step.outcome() == StepOutcome.DONE)
            .map(StepRecord::step)
            .toList();
    assertThat(steps).containsExactly("stop-engine", "start-engine");
  }

  @Test
  void aFailedCreateIsCompensatedBackwardsAndEndsInError() {
    fakes.faults().failAlways("start", StandardErrorCode.ENGINE_ERROR);
    Instance created = fakes.create(TENANT, "broken");
    assertThatThrownBy(() -> fakes.awaitActive(TENANT, created.id()))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.INVALID_STATE)).isTrue())
        .hasMessageContaining("ended ERROR")
        .hasMessageContaining("fake start failed");
    Instance failed = instances().get(TENANT, created.id());
    assertThat(failed.state()).isEqualTo(InstanceState.ERROR);
    assertThat(failed.fault())
        .hasValueSatisfying(fault -> assertThat(fault.code()).isEqualTo("ENGINE_ERROR"));
    assertThat(failed.activeOperation()).isEmpty();
    // start-engine failed: its own compensation (stop) runs, then provision-host's (destroy).
    assertThat(fakes.platform().hostIds()).doesNotContain(created.id());
    List<String> compensated =
        fakes.steward().operations().history(created.activeOperation().get()).stream()
            .filter(
                step -> step.phase() == StepPhase.COMPENSATE && step.outcome() == StepOutcome.DONE)
            .map(StepRecord::step)
            .toList();
    assertThat(compensated).containsExactly("start-engine", "prepare-engine", "provision-host");
  }

  @Test
  void aRetryableFailureIsRetriedAndTheCreateSucceeds() {
    fakes.faults().failTimes("prepare", 2, StandardErrorCode.ENGINE_UNAVAILABLE);
    Instance created = fakes.create(TENANT, "flaky");
    assertThat(fakes.awaitActive(TENANT, created.id()).state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(fakes.faults().calls("prepare")).isEqualTo(3);
    List<StepOutcome> outcomes =
        fakes.steward().operations().history(created.activeOperation().get()).stream()
            .filter(step -> step.step().equals("prepare-engine"))
            .map(StepRecord::outcome)
            .toList();
    assertThat(outcomes)
        .containsSubsequence(StepOutcome.RETRY, StepOutcome.RETRY, StepOutcome.DONE);
  }

  @Test
  void retriesEndAfterMaxAttempts() {
    fakes.faults().failAlways("provision", StandardErrorCode.TIMEOUT);
    Instance created = fakes.create(TENANT, "never");
    assertRefused(StandardErrorCode.INVALID_STATE, () -> fakes.awaitActive(TENANT, created.id()));
    assertThat(fakes.faults().calls("provision")).isEqualTo(3);
    assertThat(instances().get(TENANT, created.id()).fault())
        .hasValueSatisfying(fault -> assertThat(fault.code()).isEqualTo("TIMEOUT"));
  }

  @Test
  void anInstanceInErrorCanBeRestartedOrDeleted() {
    fakes.faults().failOnce("createDatabase", StandardErrorCode.ENGINE_ERROR);
    Instance created =
        instances()
            .create(
                CreateInstanceRequest.named(TENANT, "err", FakeDatastore.NAME)
                    .withDatabases(List.of(DatabaseSpec.named("one"))));
    assertRefused(StandardErrorCode.INVALID_STATE, () -> fakes.awaitActive(TENANT, created.id()));
    assertThat(instances().get(TENANT, created.id()).state()).isEqualTo(InstanceState.ERROR);
    Operation delete = instances().delete(TENANT, created.id());
    fakes.awaitSuccess(delete);
    assertRefused(StandardErrorCode.NOT_FOUND, () -> instances().get(TENANT, created.id()));
  }

  @Test
  void invalidRequestsAreRefusedBeforeAnythingIsRecorded() {
    assertRefused(StandardErrorCode.INVALID_ARGUMENT, () -> fakes.create(TENANT, "  "));
    assertRefused(StandardErrorCode.INVALID_ARGUMENT, () -> fakes.create(TENANT, "a\nb"));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () ->
            instances()
                .create(CreateInstanceRequest.named(TENANT, "x".repeat(256), FakeDatastore.NAME)));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () -> instances().create(CreateInstanceRequest.named(TENANT, "x", "nosuchdb")));
    assertRefused(StandardErrorCode.NOT_FOUND, () -> instances().create(request().withFlavor("9")));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT, () -> instances().create(request().withVolumeGb(0)));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () -> instances().create(request().withVolumeGb(65537)));
    assertRefused(
        StandardErrorCode.INVALID_NAME,
        () -> instances().create(request().withDatabases(List.of(DatabaseSpec.named("Bad-Name")))));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () ->
            instances()
                .create(
                    request()
                        .withDatabases(
                            List.of(DatabaseSpec.named("twice"), DatabaseSpec.named("twice")))));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () ->
            instances()
                .create(
                    request()
                        .withUsers(
                            List.of(
                                new UserSpec(
                                    new UserRef("app", "%"),
                                    Secret.of("long-enough"),
                                    List.of("missing"))))));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () ->
            instances()
                .create(CreateInstanceRequest.named(WarmPool.TENANT, "x", FakeDatastore.NAME)));
    assertThat(fakes.steward().admin().listAll(Optional.empty(), 100, Optional.empty())).isEmpty();
    assertThat(fakes.platform().provisions()).isZero();
  }

  @Test
  void theOnlyEnabledDatastoreIsTheDefaultAndVersionsResolveByNameOrNumber() {
    CreateInstanceRequest unnamed =
        new CreateInstanceRequest(
            TENANT,
            "default",
            Optional.empty(),
            Optional.of("2.0"),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            Optional.empty());
    Instance created = instances().create(unnamed);
    assertThat(created.datastore()).isEqualTo(FakeDatastore.NAME);
    assertThat(created.datastoreVersion()).isEqualTo("2");
    assertThat(created.flavorId()).isEqualTo("1");
    assertThat(created.resources().volumeGb()).isEqualTo(1);
    fakes.awaitActive(TENANT, created.id());
  }

  @Test
  void anotherTenantSeesNothing() {
    Instance mine = fakes.createActive(TENANT, "mine");
    assertRefused(StandardErrorCode.NOT_FOUND, () -> instances().get("tenant-b", mine.id()));
    assertRefused(StandardErrorCode.NOT_FOUND, () -> instances().delete("tenant-b", mine.id()));
    assertRefused(StandardErrorCode.NOT_FOUND, () -> instances().restart("tenant-b", mine.id()));
    assertThat(instances().list("tenant-b", 10, Optional.empty())).isEmpty();
    assertThat(instances().list(WarmPool.TENANT, 10, Optional.empty())).isEmpty();
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () ->
            instances()
                .await("tenant-b", mine.id(), Set.of(InstanceState.ACTIVE), FakeSteward.WAIT));
  }

  @Test
  void listPagesOldestFirstAfterTheMarker() {
    Instance first = fakes.createActive(TENANT, "one");
    Instance second = fakes.createActive(TENANT, "two");
    Instance third = fakes.createActive(TENANT, "three");
    assertThat(instances().list(TENANT, 2, Optional.empty()))
        .extracting(Instance::id)
        .containsExactly(first.id(), second.id());
    assertThat(instances().list(TENANT, 2, Optional.of(second.id())))
        .extracting(Instance::id)
        .containsExactly(third.id());
    assertThat(instances().list(TENANT, 5, Optional.of("no-such-marker"))).isEmpty();
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT, () -> instances().list(TENANT, 0, Optional.empty()));
  }

  @Test
  void awaitTimesOutWhileTheInstanceIsStillBuilding() {
    Faults.Hold hold = fakes.faults().hold("prepare");
    Instance created = fakes.create(TENANT, "slow");
    hold.awaitReached();
    try {
      assertRefused(
          StandardErrorCode.TIMEOUT,
          () ->
              instances()
                  .await(
                      TENANT, created.id(), Set.of(InstanceState.ACTIVE), Duration.ofMillis(50)));
    } finally {
      hold.release();
    }
    assertThat(fakes.awaitActive(TENANT, created.id()).state()).isEqualTo(InstanceState.ACTIVE);
  }

  /** A create of an instance named x with the defaults. */
  private static CreateInstanceRequest request() {
    return CreateInstanceRequest.named(TENANT, "x", FakeDatastore.NAME);
  }
}
