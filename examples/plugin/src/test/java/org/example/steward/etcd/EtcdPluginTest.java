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
package org.example.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.Capability;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.DatastoreVersion;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdPluginTest {
  @Test
  void isFoundByServiceLoader() {
    List<StewardPlugin> plugins =
        ServiceLoader.load(StewardPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    assertThat(plugins).hasAtLeastOneElementOfType(EtcdPlugin.class);
  }

  @Test
  void offersTheEtcdFactory() {
    assertThat(new EtcdPlugin().datastoreFactories())
        .extracting(DatastoreFactory::name)
        .containsExactly("etcd");
    assertThat(new EtcdPlugin().platformFactories()).isEmpty();
  }

  @Test
  void errorCodesAreUniqueAndInTheModulesRange() {
    List<ErrorCodeSupplier> codes = new EtcdPlugin().errorCodes();
    assertThat(codes).hasSize(EtcdErrorCode.values().length);
    Set<Integer> numbers = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ErrorCodeSupplier supplier : codes) {
      ErrorCode code = supplier.toErrorCode();
      assertThat(code.code()).isBetween(0x0007_0000, 0x0007_FFFF);
      assertThat(numbers.add(code.code())).as(code.name()).isTrue();
      assertThat(names.add(code.name())).as(code.name()).isTrue();
    }
  }

  @Test
  void createsADatastoreForTheInstalledEtcdWithEveryCapability() {
    PluginConfig config = new PluginConfig("etcd", Map.of());
    Datastore datastore = new EtcdDatastoreFactory().create(() -> config);
    config.requireAllKnown();
    assertThat(datastore.name()).isEqualTo("etcd");
    assertThat(datastore.port()).isEqualTo(2379);
    DatastoreVersion version = datastore.versions().getFirst();
    assertThat(datastore.versions()).hasSize(1);
    assertThat(version.number()).startsWith(version.name() + ".").matches("3\\.[0-9]+\\.[0-9]+");
    assertThat(datastore.capabilities(version))
        .containsExactlyInAnyOrder(
            Capability.DATABASES, Capability.USERS, Capability.USER_ACCESS, Capability.ROOT);
    assertThat(datastore.databases()).isPresent();
    assertThat(datastore.users()).isPresent();
    assertThat(datastore.root().orElseThrow().userName()).isEqualTo("root");
  }

  @Test
  void parsesVersionOutput() {
    assertThat(
            InstalledVersion.parseVersionOutput(
                "etcd Version: 3.4.23\nGit SHA: Not provided\nGo Version: go1.19.8\n"))
        .contains(new DatastoreVersion("3.4", "3.4.23"));
    assertThat(InstalledVersion.parseVersionOutput("etcdctl version: 3.4.23")).isEmpty();
  }

  @Test
  void missingEtcdFailsNamingBinDir(@TempDir Path empty) {
    PluginConfig config = new PluginConfig("etcd", Map.of("bin-dir", empty.toString()));
    assertThatThrownBy(() -> new EtcdDatastoreFactory().create(() -> config))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains("etcd.bin-dir");
            });
  }
}
