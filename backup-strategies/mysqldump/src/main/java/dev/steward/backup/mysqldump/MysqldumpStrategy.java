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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.Host;
import dev.steward.toolkit.backup.PipedStrategy;
import dev.steward.toolkit.backup.SecretFile;
import dev.steward.toolkit.backup.StrategyDatastores;
import dev.steward.toolkit.backup.ToolPipe;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code mysqldump} strategy (LOGICAL): a consistent SQL dump of every user database of a
 * MySQL-family instance ({@code mariadb-dump} for MariaDB, {@code mysqldump} for MySQL and Percona)
 * followed by the tenant's accounts ({@link AccountCommands}: password hashes and grants included),
 * restored by feeding it to the command-line client of a new, running instance. Core calls {@link
 * #backup} and {@link #restore} on an operation's worker thread; the strategy holds no state per
 * instance. The administrator's password travels in a 0600 option file in the instance's CONFIG
 * directory that exists only while a tool runs.
 *
 * <p>Reads from the {@link ToolEnvironment}: {@code distribution}, {@code socket}, {@code user} and
 * the secret {@code password}. The engine's own accounts and the administrator are not carried.
 */
public final class MysqldumpStrategy extends PipedStrategy<MysqldumpConfig> {
  /** The bytes at the stream's start kept to read the binary log position from. */
  static final int HEADER_BYTES = 64 * 1024;

  /** The bytes at the stream's end kept to read MariaDB's GTID position from (written last). */
  static final int TAIL_BYTES = 8 * 1024;

  static final Duration LIST_TIMEOUT = Duration.ofMinutes(2);

  /** What the stream is when the instance has no user database (a valid, empty SQL script). */
  static final String EMPTY_DUMP = "-- Steward mysqldump: the instance had no user database\n";

  public MysqldumpStrategy(MysqldumpConfig config) {
    super(
        MysqldumpStrategyFactory.NAME,
        StrategyDatastores.MYSQL_FAMILY,
        RestoreMode.LOGICAL,
        config);
  }

  /**
   * Lists the user databases, streams one dump of all of them, then the accounts script. Metadata:
   * {@code databases} (comma-separated), {@code users} (the number of accounts carried), {@code
   * tool}, and the position the dump is consistent with ({@code binlog_file}, {@code
   * binlog_position}, MariaDB's {@code gtid_position}).
   */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    ToolEnvironment tools = request.tools();
    DumpCommands.Tools flavour = DumpCommands.Tools.of(tools.property("distribution"));
    Host host = request.instance().host();
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("tool", flavour.dump);
    try (SecretFile optionFile = optionFile(host, tools)) {
      List<String> databases =
          DumpCommands.userDatabases(
              run(host, DumpCommands.listDatabases(flavour, optionFile.path())));
      metadata.put("databases", String.join(",", databases));
      if (databases.isEmpty()) {
        write(out, EMPTY_DUMP);
      } else {
        Command dump =
            Command.of(DumpCommands.dump(flavour, optionFile.path(), databases))
                .withTimeout(config().timeout());
        Edges edges = new Edges(out);
        ToolPipe.toBackup(host, dump, edges);
        metadata.putAll(DumpCommands.positions(edges.text()));
      }
      List<AccountCommands.Account> accounts =
          AccountCommands.tenantAccounts(
              run(host, AccountCommands.listAccounts(flavour, optionFile.path())),
              tools.property("user"));
      String shown =
          accounts.isEmpty()
              ? ""
              : host.run(
                      Command.of(AccountCommands.show(flavour, optionFile.path()))
                          .withStdin(
                              AccountCommands.showAccounts(flavour, accounts)
                                  .getBytes(StandardCharsets.UTF_8))
                          .withTimeout(LIST_TIMEOUT))
                  .requireSuccess()
                  .stdout();
      write(out, AccountCommands.script(accounts, shown));
      metadata.put("users", Integer.toString(accounts.size()));
    }
    return new BackupResult(metadata);
  }

  /**
   * Feeds the one dump of the chain to the client of the new, running instance. Each database is
   * dropped and created by the script, each account dropped and created, so a repeated restore
   * starts over.
   */
  @Override
  public void restore(RestoreRequest request) {
    RestorePart part = onlyPart(request);
    ToolEnvironment tools = request.tools();
    DumpCommands.Tools flavour = DumpCommands.Tools.of(tools.property("distribution"));
    Host host = request.instance().host();
    try (SecretFile optionFile = optionFile(host, tools)) {
      ToolPipe.fromRestore(
          host,
          Command.of(DumpCommands.restore(flavour, optionFile.path()))
              .withTimeout(config().restoreTimeout()),
          part,
          ToolPipe.EarlyExit.fail(
              MysqldumpErrorCode.STREAM_BROKEN,
              flavour.client + " stopped reading backup " + part.backupId() + " before its end"));
    }
  }

  /** A backup taken before accounts were carried restores no user: the restore says so. */
  @Override
  public List<String> restoreNotices(List<RestorePart> chain) {
    return usersNotCarriedBefore(chain, "users", "accounts");
  }

  private static String run(Host host, List<String> command) {
    return host.run(Command.of(command).withTimeout(LIST_TIMEOUT)).requireSuccess().stdout();
  }

  private static void write(OutputStream out, String text) {
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StewardException(
          MysqldumpErrorCode.STREAM_BROKEN, "Writing the backup stream failed: " + e, e);
    }
  }

  /** A 0600 client option file in CONFIG with the password, deleted on close. */
  private static SecretFile optionFile(Host host, ToolEnvironment tools) {
    return SecretFile.write(
        host,
        "mysqldump-",
        ".cnf",
        DumpCommands.optionFile(
            tools.property("user"), tools.secret("password"), tools.property("socket")));
  }

  /**
   * Passes the dump on to core's stream, keeping its first {@value #HEADER_BYTES} and its last
   * {@value #TAIL_BYTES} bytes.
   */
  static final class Edges extends FilterOutputStream {
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private final byte[] tail = new byte[TAIL_BYTES];
    private int tailLength;

    Edges(OutputStream out) {
      super(requireNonNull(out, "out is null"));
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      add(bytes, offset, length);
    }

    private void add(byte[] bytes, int offset, int length) {
      if (header.size() < HEADER_BYTES) {
        header.write(bytes, offset, Math.min(length, HEADER_BYTES - header.size()));
      }
      if (length >= TAIL_BYTES) {
        System.arraycopy(bytes, offset + length - TAIL_BYTES, tail, 0, TAIL_BYTES);
        tailLength = TAIL_BYTES;
        return;
      }
      int keep = Math.min(tailLength, TAIL_BYTES - length);
      System.arraycopy(tail, tailLength - keep, tail, 0, keep);
      System.arraycopy(bytes, offset, tail, keep, length);
      tailLength = keep + length;
    }

    /** Header and tail as text (they may overlap in a short stream; positions are found once). */
    String text() {
      return header.toString(StandardCharsets.UTF_8)
          + "\n"
          + new String(tail, 0, tailLength, StandardCharsets.UTF_8);
    }
  }
}
