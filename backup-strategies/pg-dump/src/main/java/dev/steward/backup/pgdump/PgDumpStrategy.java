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
package dev.steward.backup.pgdump;

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
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.RunningCommand;
import dev.steward.toolkit.backup.BackupPipes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code pg_dump}: a logical backup of every user database of an instance (all but {@code postgres}
 * and the templates), each as a {@code pg_dump -Fc} archive, framed into one stream by {@link
 * DumpArchive}. Restore recreates each database (same encoding and locale) in a running, freshly
 * prepared instance and feeds its archive to {@code pg_restore} through standard input. Roles,
 * their passwords and grants are not part of a dump ({@code pg_restore --no-owner --no-acl}): the
 * caller recreates users. Each database is consistent in itself; databases are dumped one after
 * another, not in one snapshot.
 *
 * <p>Created once by core at boot; {@link #backup} and {@link #restore} run on operation workers.
 * Reads from the {@link ToolEnvironment}: {@code bin-dir}, {@code socket-dir}, {@code port}, {@code
 * user}, secret {@code password}.
 */
final class PgDumpStrategy implements BackupStrategy {
  static final String NAME = "pg_dump";

  static final String LIST_DATABASES =
      "SELECT datname, pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database"
          + " WHERE datallowconn AND NOT datistemplate AND datname <> 'postgres' ORDER BY datname";

  private static final String MAINTENANCE_DATABASE = "postgres";
  private static final Pattern LOCALE_OR_ENCODING = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final int MAX_NAME_BYTES = 63;

  private static final System.Logger LOG = System.getLogger(PgDumpStrategy.class.getName());

  private final PgDumpConfig config;

  PgDumpStrategy(PgDumpConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> datastores() {
    return Set.of("postgresql");
  }

  @Override
  public RestoreMode restoreMode() {
    return RestoreMode.LOGICAL;
  }

  /**
   * Lists the user databases, then streams {@code pg_dump -Fc} of each into a {@link DumpArchive}.
   * Metadata: {@code format}, {@code server-version}, {@code databases} (the count) and {@code
   * database.<i>} (each name, in stream order).
   */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    Host host = request.instance().host();
    ToolEnvironment tools = request.tools();
    List<DumpArchive.Database> databases = listDatabases(host, tools);
    DumpArchive.Writer archive = new DumpArchive.Writer(out);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "steward-pgdump-v" + DumpArchive.VERSION);
    metadata.put("server-version", request.instance().version().number());
    metadata.put("databases", Integer.toString(databases.size()));
    for (int index = 0; index < databases.size(); index++) {
      DumpArchive.Database database = databases.get(index);
      Command dump =
          tool(tools, "pg_dump")
              .withArguments(
                  List.of(
                      "-Fc",
                      "-Z",
                      Integer.toString(config.compression()),
                      "-d",
                      conninfo(database.name())));
      try (RunningCommand running = host.start(dump);
          OutputStream blocks = archive.database(database)) {
        try (InputStream output = running.stdout()) {
          BackupPipes.toBackup(output, blocks, dump.program());
        }
        running.await().requireSuccess();
      } catch (IOException e) {
        throw new StewardException(
            StandardErrorCode.PLATFORM_FAILURE, "Writing the backup stream failed: " + e, e);
      }
      metadata.put("database." + index, database.name());
    }
    archive.finish();
    LOG.log(
        Level.INFO,
        "pg_dump of instance {0}: {1} databases",
        request.instance().instanceId(),
        databases.size());
    return new BackupResult(metadata);
  }

  /**
   * For each database of the stream: drops what an earlier attempt left, creates it (quoted
   * identifier, {@code TEMPLATE template0} with the source's encoding and locale) and pipes its
   * archive into {@code pg_restore --no-owner --no-acl --exit-on-error}.
   */
  @Override
  public void restore(RestoreRequest request) {
    if (request.chain().size() != 1) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          "pg_dump backups are full backups; a chain of "
              + request.chain().size()
              + " cannot be restored");
    }
    RestorePart part = request.chain().getFirst();
    Host host = request.instance().host();
    ToolEnvironment tools = request.tools();
    int restored = 0;
    try (InputStream stream = part.open()) {
      DumpArchive.Reader archive = new DumpArchive.Reader(stream);
      for (Optional<DumpArchive.Database> next = archive.next();
          next.isPresent();
          next = archive.next()) {
        DumpArchive.Database database = validated(next.get());
        host.run(
                tool(tools, "psql")
                    .withArguments(
                        List.of(
                            "-X",
                            "-q",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-d",
                            conninfo(MAINTENANCE_DATABASE),
                            "-c",
                            "DROP DATABASE IF EXISTS "
                                + identifier(database.name())
                                + " WITH (FORCE)",
                            "-c",
                            createDatabase(database))))
            .requireSuccess();
        Command pgRestore =
            tool(tools, "pg_restore")
                .withArguments(
                    List.of(
                        "--no-owner",
                        "--no-acl",
                        "--exit-on-error",
                        "-d",
                        conninfo(database.name())));
        try (RunningCommand running = host.start(pgRestore)) {
          InputStream dump = archive.dump();
          boolean complete = BackupPipes.toTool(dump, running.stdin());
          running.await().requireSuccess();
          if (!complete) {
            BackupPipes.drain(dump);
          }
        }
        restored++;
      }
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Closing the backup stream failed: " + e, e);
    }
    LOG.log(
        Level.INFO,
        "Restored {0} databases of pg_dump {1} into instance {2}",
        restored,
        part.backupId(),
        request.instance().instanceId());
  }

  /** The user databases, listed by psql as NUL-separated fields (names may hold any character). */
  List<DumpArchive.Database> listDatabases(Host host, ToolEnvironment tools) {
    String output =
        host.run(
                tool(tools, "psql")
                    .withArguments(
                        List.of(
                            "-X",
                            "-A",
                            "-t",
                            "-q",
                            "-z",
                            "-0",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-d",
                            conninfo(MAINTENANCE_DATABASE),
                            "-c",
                            LIST_DATABASES)))
            .requireSuccess()
            .stdout();
    return parseDatabaseList(output);
  }

  /** Four NUL-terminated fields per database. */
  static List<DumpArchive.Database> parseDatabaseList(String output) {
    if (output.isEmpty()) {
      return List.of();
    }
    if (!output.endsWith("\0")) {
      throw new StewardException(
          PgDumpErrorCode.DATABASE_LIST_INVALID, "psql's database list is not NUL-terminated");
    }
    String[] fields = output.substring(0, output.length() - 1).split("\0", -1);
    if (fields.length % 4 != 0) {
      throw new StewardException(
          PgDumpErrorCode.DATABASE_LIST_INVALID,
          "psql's database list has " + fields.length + " fields, not four per database");
    }
    List<DumpArchive.Database> databases = new ArrayList<>();
    for (int index = 0; index < fields.length; index += 4) {
      databases.add(
          new DumpArchive.Database(
              fields[index], fields[index + 1], fields[index + 2], fields[index + 3]));
    }
    return List.copyOf(databases);
  }

  /** Refuses archive fields that cannot be a PostgreSQL database (bad input, not SQL). */
  static DumpArchive.Database validated(DumpArchive.Database database) {
    String name = database.name();
    if (name.isEmpty()
        || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES
        || name.indexOf('\0') >= 0) {
      throw DumpArchive.invalid("a database name that PostgreSQL cannot have");
    }
    for (String value : List.of(database.encoding(), database.collate(), database.ctype())) {
      if (!LOCALE_OR_ENCODING.matcher(value).matches()) {
        throw DumpArchive.invalid("an encoding or locale that is not a plain name");
      }
    }
    return database;
  }

  static String createDatabase(DumpArchive.Database database) {
    return "CREATE DATABASE "
        + identifier(database.name())
        + " TEMPLATE template0 ENCODING "
        + literal(database.encoding())
        + " LC_COLLATE "
        + literal(database.collate())
        + " LC_CTYPE "
        + literal(database.ctype());
  }

  /** A quoted SQL identifier. */
  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A quoted SQL string literal (standard_conforming_strings). */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * A libpq connection string naming only the database: a bare name containing {@code =} or
   * starting with {@code postgresql://} would otherwise be taken for a connection string.
   */
  static String conninfo(String database) {
    return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** A client tool of the version, over the socket, as the administrator, never prompting. */
  private Command tool(ToolEnvironment tools, String program) {
    return Command.of(
            Path.of(tools.property("bin-dir")).resolve(program).toString(),
            "-h",
            tools.property("socket-dir"),
            "-p",
            tools.property("port"),
            "-U",
            tools.property("user"),
            "-w")
        .withSecretEnvironment("PGPASSWORD", tools.secret("password"))
        .withTimeout(config.timeout());
  }
}
