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

import static dev.steward.tck.ConfigAssertions.assertConfigInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MysqlFamilyConfigTest {
  @Test
  void pinsEveryDefaultPerMember() {
    PluginConfig plugin = new PluginConfig("mariadb", Map.of());
    assertThat(MysqlFamilyConfig.from(plugin, new MariadbDistribution()))
        .isEqualTo(
            new MysqlFamilyConfig(
                Path.of("/usr/sbin/mariadbd"),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                151,
                50,
                "xtrabackup"));
    plugin.requireAllKnown();
    assertThat(MysqlFamilyConfig.from(new PluginConfig("mysql", Map.of()), new MysqlDistribution()))
        .isEqualTo(
            new MysqlFamilyConfig(
                Path.of("/usr/sbin/mysqld"),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                151,
                50,
                "xtrabackup"));
  }

  @Test
  void readsEveryKey() {
    PluginConfig plugin =
        new PluginConfig(
            "mysql",
            Map.of(
                "server-program", "/opt/mysql/bin/mysqld",
                "startup-timeout", "5s",
                "statement-timeout", "1500ms",
                "max-connections", "42",
                "buffer-pool-percent", "70",
                "backup-strategy", "mysqldump"));
    MysqlFamilyConfig config = MysqlFamilyConfig.from(plugin, new MysqlDistribution());
    plugin.requireAllKnown();
    assertThat(config)
        .isEqualTo(
            new MysqlFamilyConfig(
                Path.of("/opt/mysql/bin/mysqld"),
                Duration.ofSeconds(5),
                Duration.ofMillis(1500),
                42,
                70,
                "mysqldump"));
  }

  @Test
  void unknownKeyFailsNamingIt() {
    PluginConfig plugin = new PluginConfig("mariadb", Map.of("buffer-pool-size", "1G"));
    MysqlFamilyConfig.from(plugin, new MariadbDistribution());
    assertThatThrownBy(plugin::requireAllKnown)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.getMessage()).contains("mariadb.buffer-pool-size"));
  }

  @Test
  void invalidValuesFailNamingTheProperty() {
    assertInvalid("server-program", "mysqld");
    assertInvalid("startup-timeout", "0s");
    assertInvalid("statement-timeout", "soon");
    assertInvalid("max-connections", "3");
    assertInvalid("buffer-pool-percent", "95");
    assertInvalid("buffer-pool-percent", "half");
    assertInvalid("backup-strategy", "Xtra Backup");
  }

  private static void assertInvalid(String key, String value) {
    assertConfigInvalid(
        "mariadb", key, value, config -> MysqlFamilyConfig.from(config, new MariadbDistribution()));
  }
}
