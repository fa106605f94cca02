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

import dev.steward.core.Steward;
import dev.steward.core.fakes.FakeDatastore;
import dev.steward.core.fakes.FakePlatform;
import dev.steward.core.fakes.FakeSteward;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.spi.Capability;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.platform.Flavor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operators and a restarted control plane see on the fakes: instances across tenants and their
 * counts, the catalog, a lost host found at boot, and servers that outlive the control plane.
 */
class OperatorViewsTest {
  @TempDir Path directory;

  @Test
  void operatorsListEveryTenantsInstancesAndCountThemByState() {
    try (FakeSteward fakes = FakeSteward.start(directory)) {
      Instance a = fakes.createActive("tenant-1", "a");
      Instance b = fakes.createActive("tenant-2", "b");
      Instance c = fakes.createActive("tenant-1", "c");
      fakes.steward().admin().resetStatus("tenant-2", b.id());
      InstanceAdmin admin = fakes.steward().admin();
      assertThat(admin.listAll(Optional.empty(), 10, Optional.empty()))
          .extracting(Instance::id)
          .containsExactly(a.id(), b.id(), c.id());
      assertThat(admin.listAll(Optional.of("tenant-1"), 10, Optional.empty()))
          .extracting(Instance::id)
          .containsExactly(a.id(), c.id());
      assertThat(admin.listAll(Optional.empty(), 1, Optional.of(a.id())))
          .extracting(Instance::id)
          .containsExactly(b.id());
      assertRefused(
          StandardErrorCode.INVALID_ARGUMENT,
          () -> admin.listAll(Optional.empty(), 0, Optional.empty()));
      Map<InstanceState, Long> counts = admin.countByState();
      assertThat(counts.get(InstanceState.ACTIVE)).isEqualTo(2);
      assertThat(counts.get(InstanceState.ERROR)).isEqualTo(1);
      assertThat(counts).doesNotContainKey(InstanceState.DELETED).containsKey(InstanceState.POOLED);
    }
  }

  @Test
  void theCatalogShowsDatastoresVersionsCapabilitiesAndFlavors() {
    try (FakeSteward fakes = FakeSteward.start(directory)) {
      CatalogService catalog = fakes.steward().catalog();
      assertThat(catalog.datastores())
          .singleElement()
          .satisfies(view -> {
            assertThat(view.name()).isEqualTo(FakeDatastore.NAME);
            assertThat(view.versions()).containsExactly(FakeDatastore.V1, FakeDatastore.V2);
            assertThat(view.capabilities().get("2"))
                .containsExactlyInAnyOrder(Capability.DATABASES, Capability.USERS);
            assertThat(view.capabilities().get("1")).contains(Capability.ROOT);
          });
      assertThat(catalog.datastore(FakeDatastore.NAME).port()).isEqualTo(4242);
      assertRefused(StandardErrorCode.NOT_FOUND, () -> catalog.datastore("nope"));
      assertThat(catalog.flavors()).extracting(Flavor::id).containsExactly("1", "2");
      assertThat(catalog.flavor("2").ramMb()).isEqualTo(2048);
      assertRefused(StandardErrorCode.NOT_FOUND, "Flavor 3", () -> catalog.flavor("3"));
    }
  }

  @Test
  void aHostLostWhileTheControlPlaneWasDownIsFoundAtBoot() {
    try (FakeSteward fakes = FakeSteward.start(directory)) {
      Instance kept = fakes.createActive("tenant-1", "kept");
      Instance lost = fakes.createActive("tenant-1", "lost");
      fakes.platform().lose(lost.id());
      Steward restarted = fakes.startAnotherNode();
      Instance found = restarted.instances().get("tenant-1", lost.id());
      assertThat(found.state()).isEqualTo(InstanceState.ERROR);
      assertThat(found.fault())
          .hasValueSatisfying(fault -> assertThat(fault.code()).isEqualTo("PLATFORM_FAILURE"));
      assertThat(restarted.instances().get("tenant-1", kept.id()).state())
          .isEqualTo(InstanceState.ACTIVE);
      // From ERROR the operator deletes it; destroying a host that is gone does nothing.
      restarted
          .operations()
          .awaitSuccess(restarted.instances().delete("tenant-1", lost.id()).id(), FakeSteward.WAIT);
    }
  }

  @Test
  void closingTheControlPlaneLeavesServersRunning() {
    FakePlatform platform;
    String instanceId;
    try (FakeSteward fakes = FakeSteward.start(directory)) {
      instanceId = fakes.createActive("tenant-1", "durable").id();
      platform = fakes.platform();
    }
    assertThat(platform.hostIds()).containsExactly(instanceId);
    assertThat(platform.host(instanceId).serverRunning()).isTrue();
  }

  @Test
  void bootRefusesUnknownConfigurationNamingIt() {
    assertRefused(
        StandardErrorCode.CONFIGURATION_INVALID,
        "steward.no-such-key",
        () -> FakeSteward.start(directory, Map.of("steward.no-such-key", "1")));
    assertRefused(
        StandardErrorCode.CONFIGURATION_INVALID,
        "Unknown backup strategy 'missing'",
        () ->
            FakeSteward.start(
                directory.resolve("second"),
                List.of(),
                Map.of("steward.backup.strategies", "missing")));
  }
}
