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
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.tck.BasePluginTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdPluginTest extends BasePluginTest {
  EtcdPluginTest() {
    super(new EtcdPlugin(), List.of("etcd"), 0x0007_0000, EtcdErrorCode.values().length);
  }

  @Test
  void offersNoPlatform() {
    assertThat(new EtcdPlugin().platformFactories()).isEmpty();
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
