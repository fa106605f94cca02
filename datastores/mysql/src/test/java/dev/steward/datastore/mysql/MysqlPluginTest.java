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
package dev.steward.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.Capability;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.DatastoreVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MysqlPluginTest {
  @Test
  void isFoundByServiceLoader() {
    List<StewardPlugin> plugins =
        ServiceLoader.load(StewardPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    assertThat(plugins).hasAtLeastOneElementOfType(MysqlPlugin.class);
  }

  @Test
  void offersMysqlAndMariadbFromOnePlugin() {
    assertThat(new MysqlPlugin().datastoreFactories())
        .extracting(DatastoreFactory::name)
        .containsExactly("mysql", "mariadb");
  }

  @Test
  void errorCodesAreUniqueAndInTheFamilyRange() {
    List<ErrorCodeSupplier> codes = new MysqlPlugin().errorCodes();
    assertThat(codes).hasSize(MysqlFamilyErrorCode.values().length);
    Set<Integer> numbers = new HashSet<>();
    for (ErrorCodeSupplier supplier : codes) {
      ErrorCode code = supplier.toErrorCode();
      assertThat(code.code()).isBetween(0x0003_0000, 0x0003_FFFF);
      assertThat(numbers.add(code.code())).as(code.name()).isTrue();
    }
  }

  @Test
  void mariadbOffersTheInstalledVersionWithEveryCapability() {
    Datastore datastore = create(new MariadbDistribution());
    assertThat(datastore.name()).isEqualTo("mariadb");
    assertThat(datastore.port()).isEqualTo(3306);
    assertThat(datastore.versions()).hasSize(1);
    DatastoreVersion version = datastore.versions().getFirst();
    assertThat(version.name()).isEqualTo("10.11");
    assertThat(datastore.capabilities(version))
        .containsExactlyInAnyOrder(
            Capability.DATABASES, Capability.USERS, Capability.USER_ACCESS, Capability.ROOT);
    assertThat(datastore.root().orElseThrow().userName()).isEqualTo("root");
  }

  /** Debian's /usr/sbin/mysqld is MariaDB: the mysql datastore offers no version here. */
  @Test
  void mysqlOffersOnlyARealMysql() {
    Datastore datastore = create(new MysqlDistribution());
    assertThat(datastore.name()).isEqualTo("mysql");
    assertThat(datastore.versions())
        .isEqualTo(
            InstalledServer.detect(
                    new MysqlDistribution(), new MysqlDistribution().defaultServerProgram())
                .versions());
  }

  private static Datastore create(Distribution distribution) {
    PluginConfig config = new PluginConfig(distribution.name(), Map.of());
    Datastore datastore = new MysqlFamilyDatastoreFactory(distribution).create(() -> config);
    config.requireAllKnown();
    return datastore;
  }
}
