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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.RunningCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code mysqldump} strategy (LOGICAL): a consistent SQL dump of every user database of a
 * MySQL-family instance ({@code mariadb-dump} for MariaDB, {@code mysqldump} for MySQL and
 * Percona), restored by feeding it to the command-line client of a new, running instance. Core
 * calls {@link #backup} and {@link #restore} on an operation's worker thread; the strategy holds no
 * state per instance. The administrator's password travels in a 0600 option file in the instance's
 * CONFIG directory that exists only while a tool runs.
 *
 * <p>Reads from the {@link ToolEnvironment}: {@code distribution}, {@code socket}, {@code user} and
 * the secret {@code password}. Accounts (the {@code mysql} database) are not part of the dump.
 */
public final class MysqldumpStrategy implements BackupStrategy {
  /** The bytes at the stream's start kept to read the binary log position from. */
  static final int HEADER_BYTES = 64 * 1024;

  /** The bytes at the stream's end kept to read MariaDB's GTID position from (written last). */
  static final int TAIL_BYTES = 8 * 1024;

  static final Duration LIST_TIMEOUT = Duration.ofMinutes(2);

  /** What the stream is when the instance has no user database (a valid, empty SQL script). */
  static final String EMPTY_DUMP = "-- Steward mysqldump: the instance had no user database\n";

  private static final Set<String> DATASTORES = Set.of("mysql", "mariadb", "percona");
  private static final int BUFFER_BYTES = 64 * 1024;

  private final MysqldumpConfig config;

  public MysqldumpStrategy(MysqldumpConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public String name() {
    return MysqldumpStrategyFactory.NAME;
  }

  @Override
  public Set<String> datastores() {
    return DATASTORES;
  }

  @Override
  public RestoreMode restoreMode() {
    return RestoreMode.LOGICAL;
  }

  /**
   * Lists the user databases, then streams one dump of all of them. Metadata: {@code databases}
   * (comma-separated), {@code tool}, and the position the dump is consistent with ({@code
   * binlog_file}, {@code binlog_position}, MariaDB's {@code gtid_position}).
   */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    ToolEnvironment tools = request.tools();
    DumpCommands.Tools flavour = DumpCommands.Tools.of(tools.property("distribution"));
    Host host = request.instance().host();
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("tool", flavour.dump);
    try (OptionFile optionFile = OptionFile.write(host, tools)) {
      List<String> databases =
          DumpCommands.userDatabases(
              host.run(
                      Command.of(DumpCommands.listDatabases(flavour, optionFile.path()))
                          .withTimeout(LIST_TIMEOUT))
                  .requireSuccess()
                  .stdout());
      metadata.put("databases", String.join(",", databases));
      if (databases.isEmpty()) {
        write(out, EMPTY_DUMP.getBytes(StandardCharsets.UTF_8));
        return new BackupResult(metadata);
      }
      Command dump =
          Command.of(DumpCommands.dump(flavour, optionFile.path(), databases))
              .withTimeout(config.timeout());
      Edges edges = new Edges();
      try (RunningCommand running = host.start(dump)) {
        copyOut(running.stdout(), out, edges);
        running.await().requireSuccess();
      }
      metadata.putAll(DumpCommands.positions(edges.text()));
    }
    return new BackupResult(metadata);
  }

  /**
   * Feeds the one dump of the chain to the client of the new, running instance. Each database is
   * dropped and created by the script, so a repeated restore starts over.
   */
  @Override
  public void restore(RestoreRequest request) {
    if (request.chain().size() != 1) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          "A mysqldump backup is always full; a chain of "
              + request.chain().size()
              + " cannot be restored");
    }
    RestorePart part = request.chain().getFirst();
    ToolEnvironment tools = request.tools();
    DumpCommands.Tools flavour = DumpCommands.Tools.of(tools.property("distribution"));
    Host host = request.instance().host();
    try (OptionFile optionFile = OptionFile.write(host, tools);
        RunningCommand running =
            host.start(
                Command.of(DumpCommands.restore(flavour, optionFile.path()))
                    .withTimeout(config.restoreTimeout()));
        InputStream in = part.open()) {
      if (!copyIn(in, running.stdin())) {
        CommandResult result = running.await();
        result.requireSuccess();
        throw new StewardException(
            MysqldumpErrorCode.STREAM_BROKEN,
            flavour.client + " stopped reading backup " + part.backupId() + " before its end");
      }
      running.await().requireSuccess();
    } catch (IOException e) {
      throw new StewardException(
          MysqldumpErrorCode.STREAM_BROKEN,
          "Reading backup " + part.backupId() + " failed: " + e.getMessage(),
          e);
    }
  }

  /** Copies the tool's output to core's stream, keeping its first and last bytes. */
  private static void copyOut(InputStream stdout, OutputStream out, Edges edges) {
    byte[] buffer = new byte[BUFFER_BYTES];
    while (true) {
      int read;
      try {
        read = stdout.read(buffer);
      } catch (IOException e) {
        throw new StewardException(
            MysqldumpErrorCode.STREAM_BROKEN, "Reading the dump tool's output failed", e);
      }
      if (read < 0) {
        return;
      }
      edges.add(buffer, read);
      write(out, buffer, read);
    }
  }

  /**
   * Copies the backup into the client; false when the client closed its input early (it exited: its
   * exit code and standard error tell why). A failure reading the backup is an IOException.
   */
  private static boolean copyIn(InputStream in, OutputStream stdin) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      try {
        stdin.write(buffer, 0, read);
      } catch (IOException e) {
        return false;
      }
    }
    try {
      stdin.close();
    } catch (IOException e) {
      return false;
    }
    return true;
  }

  private static void write(OutputStream out, byte[] bytes) {
    write(out, bytes, bytes.length);
  }

  private static void write(OutputStream out, byte[] bytes, int length) {
    try {
      out.write(bytes, 0, length);
    } catch (IOException e) {
      throw new StewardException(
          MysqldumpErrorCode.STREAM_BROKEN, "Writing the backup stream failed: " + e, e);
    }
  }

  /** The first {@value #HEADER_BYTES} and the last {@value #TAIL_BYTES} bytes of a stream. */
  static final class Edges {
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private final byte[] tail = new byte[TAIL_BYTES];
    private int tailLength;

    void add(byte[] bytes, int length) {
      if (header.size() < HEADER_BYTES) {
        header.write(bytes, 0, Math.min(length, HEADER_BYTES - header.size()));
      }
      if (length >= TAIL_BYTES) {
        System.arraycopy(bytes, length - TAIL_BYTES, tail, 0, TAIL_BYTES);
        tailLength = TAIL_BYTES;
        return;
      }
      int keep = Math.min(tailLength, TAIL_BYTES - length);
      System.arraycopy(tail, tailLength - keep, tail, 0, keep);
      System.arraycopy(bytes, 0, tail, keep, length);
      tailLength = keep + length;
    }

    /** Header and tail as text (they may overlap in a short stream; positions are found once). */
    String text() {
      return header.toString(StandardCharsets.UTF_8)
          + "\n"
          + new String(tail, 0, tailLength, StandardCharsets.UTF_8);
    }
  }

  /** A 0600 client option file in CONFIG with the password, deleted on close. */
  record OptionFile(Host host, String name, Path path) implements AutoCloseable {
    static OptionFile write(Host host, ToolEnvironment tools) {
      String name = "mysqldump-" + UUID.randomUUID() + ".cnf";
      host.writeFile(
          HostDirectory.CONFIG,
          name,
          DumpCommands.optionFile(
                  tools.property("user"), tools.secret("password"), tools.property("socket"))
              .getBytes(StandardCharsets.UTF_8));
      return new OptionFile(host, name, host.directory(HostDirectory.CONFIG).resolve(name));
    }

    @Override
    public void close() {
      host.deleteFile(HostDirectory.CONFIG, name);
    }
  }
}
