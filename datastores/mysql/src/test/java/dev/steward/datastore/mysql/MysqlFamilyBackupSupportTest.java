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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.toolkit.engine.PreparedMarker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The family's BackupSupport: strategy order per member and configuration, the tool environment's
 * keys, and the adoption of a physically copied data directory by a host where prepare never ran
 * (real MariaDB servers at 127.103.*).
 */
class MysqlFamilyBackupSupportTest {
  private static final DatastoreVersion VERSION = new DatastoreVersion("10.11", "10.11.19");

  @TempDir Path temporaryDirectory;

  @Test
  void strategiesPutTheConfiguredOneFirstAndListEachOnce() {
    assertThat(support(new MariadbDistribution(), Map.of()).strategies(VERSION))
        .containsExactly("xtrabackup", "mysqldump", "volume-snapshot");
    assertThat(support(new MysqlDistribution(), Map.of()).strategies(VERSION))
        .containsExactly("xtrabackup", "mysqldump", "volume-snapshot");
    assertThat(
            support(new MariadbDistribution(), Map.of("backup-strategy", "mysqldump"))
                .strategies(VERSION))
        .containsExactly("mysqldump", "xtrabackup", "volume-snapshot");
    assertThat(
            support(new MysqlDistribution(), Map.of("backup-strategy", "volume-snapshot"))
                .strategies(VERSION))
        .containsExactly("volume-snapshot", "xtrabackup", "mysqldump");
  }

  @Test
  void adoptsACopiedDataDirectoryWithItsOwnConfigurationAndAdmin() throws Exception {
    String skip = MariadbBackupFixture.skipReason();
    if (skip != null) {
      System.err.println("!!!!! SKIPPED MysqlFamilyBackupSupportTest: " + skip);
      Assumptions.abort(skip);
    }
    Secret password = Secret.of("Bk" + UUID.randomUUID().toString().replace("-", ""));
    try (MariadbBackupFixture fixture = new MariadbBackupFixture(temporaryDirectory, "127.103")) {
      BackupSupport support = fixture.datastore().backups().orElseThrow();
      InstanceContext source = fixture.running("bs-src", password);
      ToolEnvironment tools = support.tools(source);
      assertThat(tools.properties())
          .containsOnlyKeys(
              "socket",
              "port",
              "host",
              "user",
              "data-dir",
              "config-file",
              "service-user",
              "distribution",
              "client-program")
          .containsEntry("distribution", "mariadb")
          .containsEntry("client-program", "mariadb")
          .containsEntry("user", "os_admin")
          .containsEntry("port", "3306")
          .containsEntry("service-user", source.host().serviceUser())
          .containsEntry("host", source.host().address().getHostAddress());
      assertThat(tools.secret("password")).isEqualTo(password);
      assertThat(Path.of(tools.property("config-file"))).exists();
      assertThat(Path.of(tools.property("data-dir")).resolve("mysql")).isDirectory();

      MariadbBackupFixture.sql(
          source,
          "CREATE DATABASE shop; CREATE TABLE shop.items (id INT PRIMARY KEY, name TEXT);"
              + " INSERT INTO shop.items SELECT seq, CONCAT('item-', seq) FROM shop.seq_1_to_500;");
      String before = MariadbBackupFixture.fingerprint(source, "shop", List.of("items"));
      fixture.datastore().lifecycle().stop(source);

      InstanceContext target = fixture.provision("bs-dst", password);
      assertThatThrownBy(() -> support.restored(target))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_STATE)).isTrue());
      // A copy owned by the control plane's user, as a restore running as root could leave it.
      Path targetData = target.host().directory(HostDirectory.DATA).resolve("db");
      target
          .host()
          .run(Command.of("cp", "-r", tools.property("data-dir"), targetData.toString()))
          .requireSuccess();
      target.host().writeFile(HostDirectory.DATA, "db/auto.cnf", new byte[] {1});

      support.restored(target);
      support.restored(target);

      assertThat(PreparedMarker.isPrepared(target.host())).isTrue();
      assertThat(targetData.resolve("auto.cnf")).doesNotExist();
      assertThat(Files.getOwner(targetData.resolve("mysql")).getName())
          .isEqualTo(target.host().serviceUser());
      String myCnf =
          new String(
              target.host().readFile(HostDirectory.CONFIG, "my.cnf").orElseThrow(),
              StandardCharsets.UTF_8);
      assertThat(myCnf)
          .contains("bind-address=" + target.host().address().getHostAddress())
          .doesNotContain(source.host().address().getHostAddress());
      fixture.datastore().lifecycle().start(target);
      assertThat(MariadbBackupFixture.fingerprint(target, "shop", List.of("items")))
          .isEqualTo(before);
      assertThat(
              MariadbBackupFixture.sql(
                  target, "SELECT Host FROM mysql.user WHERE User = 'os_admin' ORDER BY Host"))
          .isEqualTo(target.host().address().getHostAddress() + "\nlocalhost");
    }
  }

  private static BackupSupport support(Distribution distribution, Map<String, String> keys) {
    MysqlFamilyConfig config =
        MysqlFamilyConfig.from(new PluginConfig(distribution.name(), keys), distribution);
    return new MysqlFamilyDatastore(distribution, config, List.of(VERSION)).backups().orElseThrow();
  }
}
