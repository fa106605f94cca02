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
package dev.steward.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.Steward;
import dev.steward.core.instance.CatalogService.DatastoreView;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The third-party etcd plugin (examples/plugin, built against the SPI only) dropped on the embedded
 * example's class path next to the built-in datastores: one control plane serves both.
 */
class ThirdPartyPluginTest {
  @Test
  void thirdPartyDatastoreRunsBesideTheBuiltInOnes() throws Exception {
    Path data = Files.createTempDirectory("stwp");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    Map<String, String> properties =
        Map.of(
            "steward.datastores",
            "postgresql,etcd",
            "steward.data-dir",
            data.toString(),
            "local.base-dir",
            data.resolve("i").toString(),
            "local.address-prefix",
            "127.82");
    try (Steward steward = Steward.builder().properties(properties).start()) {
      assertThat(steward.catalog().datastores())
          .extracting(DatastoreView::name)
          .containsExactlyInAnyOrder("postgresql", "etcd");
      DatastoreView etcd = steward.catalog().datastore("etcd");
      assertThat(etcd.capabilities().get(etcd.versions().getFirst().name()))
          .contains(Capability.DATABASES, Capability.USERS);
      Instance created =
          steward
              .instances()
              .create(
                  CreateInstanceRequest.named("acme", "keys", "etcd")
                      .withDatabases(List.of(DatabaseSpec.named("config")))
                      .withUsers(
                          List.of(
                              new UserSpec(
                                  UserRef.of("app"),
                                  Secret.of("App-pass-123"),
                                  List.of("config")))));
      Instance active =
          steward
              .instances()
              .await("acme", created.id(), EnumSet.of(InstanceState.ACTIVE), Duration.ofMinutes(2));
      assertThat(steward.databases().list("acme", active.id()))
          .extracting(DatabaseInfo::name)
          .containsExactly("config");
      assertThat(steward.users().access("acme", active.id(), UserRef.of("app")))
          .containsExactly("config");
      steward
          .operations()
          .awaitSuccess(
              steward.instances().delete("acme", active.id()).id(), Duration.ofMinutes(1));
      assertThat(data.resolve("i").resolve(active.id())).doesNotExist();
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
