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
package dev.steward.backup.mysqldump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.toolkit.ToolkitErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commands and texts the strategy builds, per distribution, without a server. */
class DumpCommandsTest {
  private static final Path FILE = Path.of("/i/config/mysqldump-1.cnf");

  @Test
  void mariadbDumpIsConsistentCompleteAndCarriesItsPositions() {
    assertThat(DumpCommands.dump(DumpCommands.Tools.of("mariadb"), FILE, List.of("shop", "app-2")))
        .containsExactly(
            "mariadb-dump",
            "--defaults-extra-file=/i/config/mysqldump-1.cnf",
            "--single-transaction",
            "--quick",
            "--routines",
            "--events",
            "--triggers",
            "--hex-blob",
            "--default-character-set=utf8mb4",
            "--add-drop-database",
            "--master-data=2",
            "--gtid",
            "--databases",
            "shop",
            "app-2");
  }

  @Test
  void mysqlAndPerconaUseMysqldumpWithSourceData() {
    for (String distribution : List.of("mysql", "percona", "MySQL")) {
      List<String> dump =
          DumpCommands.dump(DumpCommands.Tools.of(distribution), FILE, List.of("a"));
      assertThat(dump.getFirst()).isEqualTo("mysqldump");
      assertThat(dump.get(1)).isEqualTo("--defaults-extra-file=" + FILE);
      assertThat(dump)
          .contains("--source-data=2", "--set-gtid-purged=OFF", "--single-transaction")
          .doesNotContain("--master-data=2", "--gtid")
          .endsWith("--databases", "a");
      assertThat(DumpCommands.restore(DumpCommands.Tools.of(distribution), FILE))
          .containsExactly(
              "mysql",
              "--defaults-extra-file=" + FILE,
              "--batch",
              "--default-character-set=utf8mb4");
    }
  }

  @Test
  void clientCommandsReadTheOptionFileFirst() {
    assertThat(DumpCommands.listDatabases(DumpCommands.Tools.MARIADB, FILE))
        .containsExactly(
            "mariadb",
            "--defaults-extra-file=" + FILE,
            "--batch",
            "--raw",
            "--skip-column-names",
            "--execute=SHOW DATABASES");
    assertThat(DumpCommands.restore(DumpCommands.Tools.MARIADB, FILE).getFirst())
        .isEqualTo("mariadb");
  }

  @Test
  void unknownDistributionAndUnsafeNamesAreCodedErrors() {
    assertThatThrownBy(() -> DumpCommands.Tools.of("postgresql"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(MysqldumpErrorCode.UNKNOWN_DISTRIBUTION)).isTrue());
    assertThatThrownBy(
            () -> DumpCommands.dump(DumpCommands.Tools.MARIADB, FILE, List.of("ok", "--all")))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(MysqldumpErrorCode.DATABASE_NAME_UNSAFE)).isTrue());
  }

  @Test
  void userDatabasesLeaveOutTheEnginesOwn() {
    assertThat(
            DumpCommands.userDatabases(
                "app-2\ninformation_schema\nmysql\nPERFORMANCE_SCHEMA\nshop\nsys\n\n"))
        .containsExactly("app-2", "shop");
    assertThat(DumpCommands.userDatabases("mysql\nsys\n")).isEmpty();
  }

  @Test
  void optionFileQuotesThePasswordAndRefusesWhatItCannotHold() {
    assertThat(DumpCommands.optionFile("os_admin", Secret.of("a\\b c'd"), "/i/run/mysqld.sock"))
        .isEqualTo(
            "[client]\nuser=os_admin\npassword=\"a\\\\b c'd\"\nsocket=/i/run/mysqld.sock\n"
                + "protocol=SOCKET\n");
    for (String bad : List.of("a\"b", "a\nb", "a\rb")) {
      assertThatThrownBy(() -> DumpCommands.optionFile("os_admin", Secret.of(bad), "/s"))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> {
                assertThat(e.is(ToolkitErrorCode.OPTION_VALUE_NOT_ENCODABLE)).isTrue();
                assertThat(e.getMessage()).doesNotContain(bad);
              });
    }
  }

  @Test
  void positionsComeFromTheDumpHeader() {
    String mariadb =
        "-- Position to start replication or point-in-time recovery from\n--\n\n"
            + "-- CHANGE MASTER TO MASTER_LOG_FILE='binlog.000002', MASTER_LOG_POS=1234;\n\n"
            + "-- CHANGE MASTER TO MASTER_USE_GTID=slave_pos;\n"
            + "-- SET GLOBAL gtid_slave_pos='0-2130706433-17';\n";
    assertThat(DumpCommands.positions(mariadb))
        .containsExactly(
            Map.entry("binlog_file", "binlog.000002"),
            Map.entry("binlog_position", "1234"),
            Map.entry("gtid_position", "0-2130706433-17"));
    assertThat(
            DumpCommands.positions(
                "-- CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000009',"
                    + " SOURCE_LOG_POS=157;"))
        .containsExactly(
            Map.entry("binlog_file", "binlog.000009"), Map.entry("binlog_position", "157"));
    assertThat(DumpCommands.positions("-- nothing here")).isEmpty();
  }

  @Test
  void edgesKeepTheFirstAndLastBytesOfAStream() throws IOException {
    ByteArrayOutputStream passed = new ByteArrayOutputStream();
    MysqldumpStrategy.Edges edges = new MysqldumpStrategy.Edges(passed);
    byte[] chunk = new byte[5000];
    for (int index = 0; index < 100; index++) {
      java.util.Arrays.fill(chunk, (byte) ('a' + index % 26));
      chunk[0] = (byte) '<';
      edges.write(chunk, 0, index == 99 ? 10 : chunk.length);
    }
    assertThat(passed.size()).isEqualTo(99 * 5000 + 10);
    String text = edges.text();
    int header = MysqldumpStrategy.HEADER_BYTES;
    int tail = MysqldumpStrategy.TAIL_BYTES;
    assertThat(text).hasSize(header + 1 + tail);
    assertThat(text).startsWith("<aaaa");
    // The last 8 KB: the end of chunk 97 (t), chunk 98 (u), then 10 bytes of chunk 99 (v).
    assertThat(text).endsWith("u<vvvvvvvvv");
    assertThat(text.substring(header + 1)).startsWith("ttt");
  }

  @Test
  void configDefaultsArePinnedAndBadValuesNamed() {
    PluginConfig empty = new PluginConfig("mysqldump", Map.of());
    assertThat(MysqldumpConfig.from(empty))
        .isEqualTo(new MysqldumpConfig(Duration.ofHours(6), Duration.ofHours(12)));
    empty.requireAllKnown();
    PluginConfig set =
        new PluginConfig("mysqldump", Map.of("timeout", "30m", "restore-timeout", "2h"));
    assertThat(MysqldumpConfig.from(set))
        .isEqualTo(new MysqldumpConfig(Duration.ofMinutes(30), Duration.ofHours(2)));
    set.requireAllKnown();
    assertThatThrownBy(
            () -> MysqldumpConfig.from(new PluginConfig("mysqldump", Map.of("timeout", "0s"))))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains("mysqldump.timeout");
            });
    assertThatThrownBy(() ->
            new MysqldumpStrategyFactory()
                .create(new PluginConfig("mysqldump", Map.of("jobs", "2"))))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.getMessage()).contains("mysqldump.jobs"));
  }

  @Test
  void strategyDeclaresItself() {
    MysqldumpStrategy strategy =
        (MysqldumpStrategy)
            new MysqldumpStrategyFactory().create(new PluginConfig("mysqldump", Map.of()));
    assertThat(strategy.name()).isEqualTo("mysqldump");
    assertThat(strategy.restoreMode()).isEqualTo(RestoreMode.LOGICAL);
    assertThat(strategy.incremental()).isFalse();
    assertThat(strategy.datastores()).containsExactlyInAnyOrder("mysql", "mariadb", "percona");
    assertThat(new MysqldumpPlugin().backupStrategyFactories())
        .extracting(factory -> factory.name())
        .containsExactly("mysqldump");
    assertThat(new MysqldumpPlugin().errorCodes())
        .allSatisfy(
            code -> assertThat(code.toErrorCode().code()).isBetween(0x0008_3000, 0x0008_3FFF));
  }
}
