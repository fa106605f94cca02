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
import dev.steward.spi.PluginConfig;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.tck.BasePluginTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MysqlPluginTest extends BasePluginTest {
  MysqlPluginTest() {
    super(
        new MysqlPlugin(),
        List.of("mysql", "mariadb"),
        0x0003_0000,
        MysqlFamilyErrorCode.values().length);
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
