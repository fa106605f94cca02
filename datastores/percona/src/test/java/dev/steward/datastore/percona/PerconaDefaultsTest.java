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
package dev.steward.datastore.percona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.datastore.mysql.InstalledServer;
import dev.steward.datastore.mysql.MysqlFamilyConfig;
import dev.steward.datastore.mysql.MysqlFamilyDatastore;
import dev.steward.datastore.mysql.MysqlFamilyDatastoreFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.DatastoreFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Percona's defaults and recognition, without a server. */
class PerconaDefaultsTest {
  private static final String PERCONA_VERSION =
      "/usr/sbin/mysqld  Ver 8.0.36-28 for Linux on x86_64 (Percona Server (GPL), Release '28',"
          + " Revision '47601f19'$)";

  @Test
  void pinsEveryDefaultIncludingXtrabackup() {
    PluginConfig plugin = new PluginConfig("percona", Map.of());
    MysqlFamilyConfig config = MysqlFamilyConfig.from(plugin, new PerconaDistribution());
    plugin.requireAllKnown();
    assertThat(config)
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
  void recognisesOnlyPerconaServer() {
    PerconaDistribution percona = new PerconaDistribution();
    assertThat(percona.versionNumber(PERCONA_VERSION)).contains("8.0.36");
    assertThat(
            percona.versionNumber(
                "mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64"))
        .isEmpty();
    assertThat(
            percona.versionNumber(
                "/usr/sbin/mysqld  Ver 8.0.36 for Linux on x86_64 (MySQL Community Server - GPL)"))
        .isEmpty();
    assertThat(new dev.steward.datastore.mysql.MysqlDistribution().versionNumber(PERCONA_VERSION))
        .as("the mysql datastore leaves Percona to the percona datastore")
        .isEmpty();
  }

  @Test
  void isLoadedNextToTheFamilyPlugin() {
    List<String> names =
        ServiceLoader.load(StewardPlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .flatMap(plugin -> plugin.datastoreFactories().stream())
            .map(DatastoreFactory::name)
            .toList();
    assertThat(names).contains("percona", "mysql", "mariadb").doesNotHaveDuplicates();
    assertThat(new PerconaPlugin().datastoreFactories())
        .extracting(DatastoreFactory::name)
        .containsExactly("percona");
  }

  /** On a machine without Percona (MariaDB's mysqld here) the datastore offers no version. */
  @Test
  void offersTheInstalledVersionOrNone() {
    PluginConfig plugin = new PluginConfig("percona", Map.of());
    MysqlFamilyDatastore datastore =
        (MysqlFamilyDatastore)
            new MysqlFamilyDatastoreFactory(new PerconaDistribution()).create(() -> plugin);
    InstalledServer.Detection detection =
        InstalledServer.detect(new PerconaDistribution(), Path.of("/usr/sbin/mysqld"));
    assertThat(datastore.versions()).isEqualTo(detection.versions());
    assertThat(datastore.name()).isEqualTo("percona");
    assertThat(datastore.config().backupStrategy()).isEqualTo("xtrabackup");
    assertThat(datastore.distribution().clientProgram()).isEqualTo("mysql");
  }
}
