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

import dev.steward.spi.DataSize;
import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.toolkit.mysql.OptionFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command lines and texts of the {@code xtrabackup} strategy: pure functions, unit-tested
 * without a server. The backup tool reads the administrator's credentials from an option file given
 * as its first argument; nothing secret is ever an argument.
 */
final class PhysicalCommands {
  /** The checkpoints file the backup tool writes into {@code --extra-lsndir}. */
  static final String CHECKPOINTS = "xtrabackup_checkpoints";

  /** The backup tool's summary (binary log position among others), also in the lsn dir. */
  static final String INFO = "xtrabackup_info";

  private PhysicalCommands() {}

  /** Which tools a distribution's engine is backed up with. */
  enum Flavour {
    /**
     * MariaDB: {@code mariabackup} and {@code mbstream}. Prepares each part fully: MariaDB 10.2 and
     * later applies an incremental on top of a fully prepared base.
     */
    MARIABACKUP("mariabackup", "mbstream", false),
    /**
     * MySQL 8 and Percona Server: Percona XtraBackup 8 ({@code xtrabackup}, {@code xbstream}).
     * Every part but the last is prepared with {@code --apply-log-only}.
     */
    XTRABACKUP("xtrabackup", "xbstream", true);

    final String tool;
    final String stream;
    final boolean applyLogOnly;

    Flavour(String tool, String stream, boolean applyLogOnly) {
      this.tool = tool;
      this.stream = stream;
      this.applyLogOnly = applyLogOnly;
    }

    /** From the tool environment's {@code distribution} key. */
    static Flavour of(String distribution) {
      return switch (distribution.toLowerCase(Locale.ROOT)) {
        case "mariadb" -> MARIABACKUP;
        case "mysql", "percona" -> XTRABACKUP;
        default ->
            throw new StewardException(
                XtrabackupErrorCode.UNKNOWN_DISTRIBUTION,
                "The xtrabackup strategy has no tools for distribution " + distribution);
      };
    }
  }

  /**
   * The backup tool's option file: the server's own option file included (InnoDB settings), then
   * the tool's group with the administrator, the password, the socket and the data directory.
   */
  static String optionFile(
      Flavour flavour,
      Path serverConfig,
      String user,
      Secret password,
      String socket,
      String dataDirectory) {
    return OptionFile.create()
        .include(serverConfig.toString())
        .section(flavour.tool)
        .option("user", user)
        .secret("password", password)
        .option("socket", socket)
        .option("datadir", dataDirectory)
        .text();
  }

  /**
   * A full (no LSN) or incremental backup as an xbstream on standard output; the checkpoints go to
   * {@code lsnDirectory} as well.
   */
  static List<String> backup(
      Flavour flavour,
      Path optionFile,
      Path targetDirectory,
      Path lsnDirectory,
      Optional<String> incrementalLsn) {
    List<String> arguments = new ArrayList<>();
    arguments.add(flavour.tool);
    arguments.add("--defaults-file=" + optionFile);
    arguments.add("--backup");
    arguments.add("--stream=xbstream");
    arguments.add("--target-dir=" + targetDirectory);
    arguments.add("--extra-lsndir=" + lsnDirectory);
    incrementalLsn.ifPresent(lsn -> arguments.add("--incremental-lsn=" + requireLsn(lsn)));
    return List.copyOf(arguments);
  }

  /** Extracts an xbstream read from standard input into an existing directory. */
  static List<String> extract(Flavour flavour, Path directory) {
    return List.of(flavour.stream, "-x", "-C", directory.toString());
  }

  /**
   * Prepares the data directory in place: the full part ({@code incrementalDirectory} empty) or one
   * incremental part on top of it. {@code more} says whether further parts follow (XtraBackup then
   * only applies the redo log).
   */
  static List<String> prepare(
      Flavour flavour,
      Path dataDirectory,
      Optional<Path> incrementalDirectory,
      boolean more,
      DataSize useMemory) {
    List<String> arguments = new ArrayList<>();
    arguments.add(flavour.tool);
    // Never read the machine's option files (/etc/mysql): --prepare needs none.
    arguments.add("--no-defaults");
    arguments.add("--prepare");
    if (flavour.applyLogOnly && more) {
      arguments.add("--apply-log-only");
    }
    arguments.add("--use-memory=" + useMemory.bytes());
    arguments.add("--target-dir=" + dataDirectory);
    incrementalDirectory.ifPresent(directory -> arguments.add("--incremental-dir=" + directory));
    return List.copyOf(arguments);
  }

  /** {@code key = value} lines of {@code xtrabackup_checkpoints} or {@code xtrabackup_info}. */
  static Map<String, String> keyValues(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
      }
    }
    return values;
  }

  /** An LSN is a decimal number; anything else in metadata is refused before it reaches argv. */
  static String requireLsn(String lsn) {
    if (lsn == null || !lsn.matches("[0-9]{1,20}")) {
      throw new StewardException(
          XtrabackupErrorCode.PARENT_WITHOUT_LSN,
          "The parent backup's metadata has no valid to_lsn: " + lsn);
    }
    return lsn;
  }
}
