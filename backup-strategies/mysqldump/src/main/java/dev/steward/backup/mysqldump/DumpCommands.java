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

import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.toolkit.mysql.OptionFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command lines and texts of the {@code mysqldump} strategy: pure functions, unit-tested
 * without a server. Every tool reads the administrator's credentials from an option file given as
 * its first argument ({@code --defaults-extra-file}), never from its arguments.
 */
final class DumpCommands {
  /** Databases of the engine itself, never dumped. */
  static final Set<String> SYSTEM_DATABASES =
      Set.of("mysql", "information_schema", "performance_schema", "sys");

  private static final Pattern MASTER_POSITION =
      Pattern.compile(
          "(?:MASTER|SOURCE)_LOG_FILE='([^']+)',\\s*(?:MASTER|SOURCE)_LOG_POS=([0-9]+)");
  private static final Pattern MARIADB_GTID = Pattern.compile("gtid_slave_pos='([^']*)'");

  private DumpCommands() {}

  /** Which client and dump programs a distribution's engine comes with. */
  enum Tools {
    /** MariaDB: {@code mariadb}, {@code mariadb-dump} (GTIDs of the form domain-server-seq). */
    MARIADB("mariadb", "mariadb-dump"),
    /** MySQL 8 and Percona Server: {@code mysql}, {@code mysqldump} (8.0.26 or later). */
    MYSQL("mysql", "mysqldump");

    final String client;
    final String dump;

    Tools(String client, String dump) {
      this.client = client;
      this.dump = dump;
    }

    /** From the tool environment's {@code distribution} key. */
    static Tools of(String distribution) {
      return switch (distribution.toLowerCase(Locale.ROOT)) {
        case "mariadb" -> MARIADB;
        case "mysql", "percona" -> MYSQL;
        default ->
            throw new StewardException(
                MysqldumpErrorCode.UNKNOWN_DISTRIBUTION,
                "The mysqldump strategy has no tools for distribution " + distribution);
      };
    }
  }

  /** The client's {@code [client]} option file: administrator, password, the server's socket. */
  static String optionFile(String user, Secret password, String socket) {
    return OptionFile.create()
        .section("client")
        .option("user", user)
        .secret("password", password)
        .option("socket", socket)
        .option("protocol", "SOCKET")
        .text();
  }

  /** {@code SHOW DATABASES}, one unescaped name a line. */
  static List<String> listDatabases(Tools tools, Path optionFile) {
    return List.of(
        tools.client,
        "--defaults-extra-file=" + optionFile,
        "--batch",
        "--raw",
        "--skip-column-names",
        "--execute=SHOW DATABASES");
  }

  /** The names of {@code SHOW DATABASES} output that are not the engine's own, in order. */
  static List<String> userDatabases(String showDatabasesOutput) {
    List<String> names = new ArrayList<>();
    for (String line : showDatabasesOutput.split("\n")) {
      if (!line.isEmpty() && !SYSTEM_DATABASES.contains(line.toLowerCase(Locale.ROOT))) {
        names.add(line);
      }
    }
    return List.copyOf(names);
  }

  /**
   * One consistent dump (one InnoDB snapshot) of the named databases with their routines, events
   * and triggers; each database is dropped and created again by the script, so a repeated restore
   * starts over. The replication position goes into a comment near the top ({@code --master-data=2}
   * / {@code --source-data=2}).
   */
  static List<String> dump(Tools tools, Path optionFile, List<String> databases) {
    List<String> arguments = new ArrayList<>();
    arguments.add(tools.dump);
    arguments.add("--defaults-extra-file=" + optionFile);
    arguments.add("--single-transaction");
    arguments.add("--quick");
    arguments.add("--routines");
    arguments.add("--events");
    arguments.add("--triggers");
    arguments.add("--hex-blob");
    arguments.add("--default-character-set=utf8mb4");
    arguments.add("--add-drop-database");
    if (tools == Tools.MARIADB) {
      arguments.add("--master-data=2");
      arguments.add("--gtid");
    } else {
      arguments.add("--source-data=2");
      // The rows get the new server's GTIDs; the source's set stays in the metadata only.
      arguments.add("--set-gtid-purged=OFF");
    }
    arguments.add("--databases");
    for (String database : databases) {
      if (database.startsWith("-")) {
        throw new StewardException(
            MysqldumpErrorCode.DATABASE_NAME_UNSAFE,
            "Database " + database + " starts with '-'; the dump tool would read it as an option");
      }
      arguments.add(database);
    }
    return List.copyOf(arguments);
  }

  /** The client that executes a dump read from its standard input. */
  static List<String> restore(Tools tools, Path optionFile) {
    return List.of(
        tools.client,
        "--defaults-extra-file=" + optionFile,
        "--batch",
        "--default-character-set=utf8mb4");
  }

  /**
   * The binary log position and (MariaDB) GTID position the dump is consistent with, read from the
   * comments at its top (binary log) and its end (MariaDB's GTID): keys {@code binlog_file}, {@code
   * binlog_position}, {@code gtid_position} (each only when found).
   */
  static Map<String, String> positions(String header) {
    Map<String, String> positions = new LinkedHashMap<>();
    Matcher position = MASTER_POSITION.matcher(header);
    if (position.find()) {
      positions.put("binlog_file", position.group(1));
      positions.put("binlog_position", position.group(2));
    }
    Matcher gtid = MARIADB_GTID.matcher(header);
    if (gtid.find()) {
      positions.put("gtid_position", gtid.group(1));
    }
    return positions;
  }
}
