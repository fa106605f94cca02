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
package dev.steward.backup.xtrabackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.backup.xtrabackup.PhysicalCommands.Flavour;
import dev.steward.spi.DataSize;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestorePart;
import dev.steward.tck.RestoreParts;
import dev.steward.toolkit.ToolkitErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The commands the strategy builds for both flavours without a server. The Percona XtraBackup path
 * (MySQL 8, Percona Server) is tested only here: no such server exists on the development machines.
 */
class PhysicalCommandsTest {
  private static final Path OPTIONS = Path.of("/i/config/xtrabackup-1.cnf");
  private static final Path TARGET = Path.of("/i/tmp/w/target");
  private static final Path LSN = Path.of("/i/tmp/w/lsn");
  private static final Path DATA = Path.of("/i/data/db");
  private static final DataSize MEMORY = DataSize.ofMegabytes(256);

  @Test
  void distributionsChooseTheirTools() {
    assertThat(Flavour.of("mariadb")).isEqualTo(Flavour.MARIABACKUP);
    assertThat(Flavour.of("mysql")).isEqualTo(Flavour.XTRABACKUP);
    assertThat(Flavour.of("Percona")).isEqualTo(Flavour.XTRABACKUP);
    assertThatThrownBy(() -> Flavour.of("redis"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(XtrabackupErrorCode.UNKNOWN_DISTRIBUTION)).isTrue());
  }

  @Test
  void fullAndIncrementalBackupsStreamWithTheOptionFileFirst() {
    assertThat(PhysicalCommands.backup(Flavour.MARIABACKUP, OPTIONS, TARGET, LSN, Optional.empty()))
        .containsExactly(
            "mariabackup",
            "--defaults-file=/i/config/xtrabackup-1.cnf",
            "--backup",
            "--stream=xbstream",
            "--target-dir=/i/tmp/w/target",
            "--extra-lsndir=/i/tmp/w/lsn");
    assertThat(
            PhysicalCommands.backup(Flavour.XTRABACKUP, OPTIONS, TARGET, LSN, Optional.of("4711")))
        .containsExactly(
            "xtrabackup",
            "--defaults-file=/i/config/xtrabackup-1.cnf",
            "--backup",
            "--stream=xbstream",
            "--target-dir=/i/tmp/w/target",
            "--extra-lsndir=/i/tmp/w/lsn",
            "--incremental-lsn=4711");
    assertThatThrownBy(() ->
            PhysicalCommands.backup(
                Flavour.MARIABACKUP, OPTIONS, TARGET, LSN, Optional.of("1 --foo")))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(XtrabackupErrorCode.PARENT_WITHOUT_LSN)).isTrue());
  }

  @Test
  void extractAndPrepareInPlace() {
    assertThat(PhysicalCommands.extract(Flavour.MARIABACKUP, DATA))
        .containsExactly("mbstream", "-x", "-C", "/i/data/db");
    assertThat(PhysicalCommands.extract(Flavour.XTRABACKUP, DATA))
        .containsExactly("xbstream", "-x", "-C", "/i/data/db");
    // MariaDB prepares every part fully.
    assertThat(PhysicalCommands.prepare(Flavour.MARIABACKUP, DATA, Optional.empty(), true, MEMORY))
        .containsExactly(
            "mariabackup",
            "--no-defaults",
            "--prepare",
            "--use-memory=268435456",
            "--target-dir=/i/data/db");
    // XtraBackup only applies the redo log while more parts follow.
    assertThat(PhysicalCommands.prepare(Flavour.XTRABACKUP, DATA, Optional.empty(), true, MEMORY))
        .containsExactly(
            "xtrabackup",
            "--no-defaults",
            "--prepare",
            "--apply-log-only",
            "--use-memory=268435456",
            "--target-dir=/i/data/db");
    assertThat(
            PhysicalCommands.prepare(
                Flavour.XTRABACKUP, DATA, Optional.of(Path.of("/i/tmp/r/1")), false, MEMORY))
        .containsExactly(
            "xtrabackup",
            "--no-defaults",
            "--prepare",
            "--use-memory=268435456",
            "--target-dir=/i/data/db",
            "--incremental-dir=/i/tmp/r/1");
  }

  @Test
  void optionFileIncludesTheServerConfigurationAndHoldsThePassword() {
    assertThat(
            PhysicalCommands.optionFile(
                Flavour.MARIABACKUP,
                Path.of("/i/config/my.cnf"),
                "os_admin",
                Secret.of("p\\w"),
                "/i/run/mysqld.sock",
                "/i/data/db"))
        .isEqualTo(
            "!include /i/config/my.cnf\n[mariabackup]\nuser=os_admin\npassword=\"p\\\\w\"\n"
                + "socket=/i/run/mysqld.sock\ndatadir=/i/data/db\n");
    assertThat(
            PhysicalCommands.optionFile(
                Flavour.XTRABACKUP, Path.of("/c/my.cnf"), "os_admin", Secret.of("x"), "/s", "/d"))
        .contains("[xtrabackup]\n");
    assertThatThrownBy(() ->
            PhysicalCommands.optionFile(
                Flavour.MARIABACKUP, Path.of("/c"), "u", Secret.of("a\"b"), "/s", "/d"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(ToolkitErrorCode.OPTION_VALUE_NOT_ENCODABLE)).isTrue());
  }

  @Test
  void checkpointsAreKeyValueLines() {
    assertThat(
            PhysicalCommands.keyValues(
                "backup_type = incremental\nfrom_lsn = 44894\nto_lsn = 51234\n"
                    + "last_lsn = 51250\nrecover_binlog_info = 0\n"))
        .containsEntry("backup_type", "incremental")
        .containsEntry("from_lsn", "44894")
        .containsEntry("to_lsn", "51234")
        .hasSize(5);
  }

  @Test
  void chainsMustStartFullAndContinueWhereTheParentEnded() {
    RestorePart full = part("full", Map.of("incremental", "false", "from_lsn", "0", "to_lsn", "9"));
    RestorePart next = part("i1", Map.of("incremental", "true", "from_lsn", "9", "to_lsn", "12"));
    RestorePart gap = part("i2", Map.of("incremental", "true", "from_lsn", "13", "to_lsn", "20"));
    XtrabackupStrategy.requireContinuousChain(List.of(full));
    XtrabackupStrategy.requireContinuousChain(List.of(full, next));
    for (List<RestorePart> broken : List.of(List.of(next), List.of(full, gap))) {
      assertThatThrownBy(() -> XtrabackupStrategy.requireContinuousChain(broken))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.BACKUP_INCOMPATIBLE)).isTrue());
    }
  }

  @Test
  void configDefaultsArePinned() {
    PluginConfig empty = new PluginConfig("xtrabackup", Map.of());
    assertThat(XtrabackupConfig.from(empty))
        .isEqualTo(
            new XtrabackupConfig(
                Duration.ofHours(6), Duration.ofHours(6), DataSize.ofMegabytes(256)));
    PluginConfig set =
        new PluginConfig(
            "xtrabackup", Map.of("timeout", "1h", "prepare-timeout", "30m", "use-memory", "1GB"));
    assertThat(XtrabackupConfig.from(set))
        .isEqualTo(
            new XtrabackupConfig(
                Duration.ofHours(1), Duration.ofMinutes(30), DataSize.ofMegabytes(1024)));
    set.requireAllKnown();
    assertThatThrownBy(() ->
            XtrabackupConfig.from(new PluginConfig("xtrabackup", Map.of("use-memory", "1MB"))))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.getMessage()).contains("xtrabackup.use-memory"));
    assertThatThrownBy(() ->
            new XtrabackupStrategyFactory()
                .create(new PluginConfig("xtrabackup", Map.of("parallel", "4"))))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue());
  }

  @Test
  void strategyDeclaresItself() {
    XtrabackupStrategy strategy =
        new XtrabackupStrategy(XtrabackupConfig.from(new PluginConfig("xtrabackup", Map.of())));
    assertThat(strategy.name()).isEqualTo("xtrabackup");
    assertThat(strategy.restoreMode()).isEqualTo(RestoreMode.PHYSICAL);
    assertThat(strategy.incremental()).isTrue();
    assertThat(strategy.datastores()).containsExactlyInAnyOrder("mysql", "mariadb", "percona");
    assertThat(new XtrabackupPlugin().errorCodes())
        .allSatisfy(
            code -> assertThat(code.toErrorCode().code()).isBetween(0x0008_4000, 0x0008_4FFF));
  }

  private static RestorePart part(String id, Map<String, String> metadata) {
    return RestoreParts.of(
        id,
        metadata,
        () -> {
          throw new AssertionError("not read");
        });
  }
}
