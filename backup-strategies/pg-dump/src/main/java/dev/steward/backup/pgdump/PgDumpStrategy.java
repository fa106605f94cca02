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

import dev.steward.spi.StandardErrorCode;
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
import dev.steward.toolkit.backup.PostgresqlClient;
import dev.steward.toolkit.backup.ToolPipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * DumpArchive} together with the instance's roles and the databases' owners and grants. Restore
 * recreates the roles first (attributes, memberships and their password verifiers as the source
 * stored them, SCRAM or MD5, so every user logs in with its old password), then each database (same
 * encoding and locale) in a running, freshly prepared instance, feeding its archive to {@code
 * pg_restore} through standard input (owners and grants included), and last each database's owner
 * and grants. The internal administrator, the bootstrap superuser and the {@code pg_*} roles are
 * not carried: the new instance has its own. Each database is consistent in itself; databases are
 * dumped one after another, not in one snapshot.
 *
 * <p>Created once by core at boot; {@link #backup} and {@link #restore} run on operation workers.
 * Reads from the {@link ToolEnvironment}: {@code bin-dir}, {@code socket-dir}, {@code port}, {@code
 * user}, secret {@code password}.
 */
final class PgDumpStrategy extends PipedStrategy<PgDumpConfig> {
  static final String NAME = "pg_dump";

  static final String LIST_DATABASES =
      "SELECT d.datname, pg_encoding_to_char(d.encoding), d.datcollate, d.datctype"
          + " FROM pg_catalog.pg_database d WHERE "
          + PgDumpScripts.USER_DATABASE
          + " ORDER BY d.datname";

  private static final String MAINTENANCE_DATABASE = "postgres";
  private static final Pattern LOCALE_OR_ENCODING = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final int MAX_NAME_BYTES = 63;

  PgDumpStrategy(PgDumpConfig config) {
    super(NAME, Set.of("postgresql"), RestoreMode.LOGICAL, config);
  }

  /**
   * Lists the user databases and the roles, then streams the roles script, {@code pg_dump -Fc} of
   * each database and the access script into a {@link DumpArchive}. Metadata: {@code format},
   * {@code server-version}, {@code roles} (the count carried), {@code databases} (the count) and
   * {@code database.<i>} (each name, in stream order).
   */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    Host host = request.instance().host();
    ToolEnvironment tools = request.tools();
    List<DumpArchive.Database> databases = listDatabases(host, tools);
    String roles = query(host, tools, PgDumpScripts.roles(tools.property("user")));
    DumpArchive.Writer archive = new DumpArchive.Writer(out);
    archive.script(DumpArchive.Script.ROLES, roles.getBytes(StandardCharsets.UTF_8));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "steward-pgdump-v" + DumpArchive.VERSION);
    metadata.put("server-version", request.instance().version().number());
    metadata.put("roles", Integer.toString(PgDumpScripts.count(roles)));
    metadata.put("databases", Integer.toString(databases.size()));
    for (int index = 0; index < databases.size(); index++) {
      DumpArchive.Database database = databases.get(index);
      Command dump =
          tool(tools, "pg_dump")
              .withArguments(
                  List.of(
                      "-Fc",
                      "-Z",
                      Integer.toString(config().compression()),
                      "-d",
                      conninfo(database.name())));
      try (OutputStream blocks = archive.database(database)) {
        ToolPipe.toBackup(host, dump, blocks);
      } catch (IOException e) {
        throw new StewardException(
            StandardErrorCode.PLATFORM_FAILURE, "Writing the backup stream failed: " + e, e);
      }
      metadata.put("database." + index, database.name());
    }
    archive.script(
        DumpArchive.Script.ACCESS,
        query(host, tools, PgDumpScripts.access()).getBytes(StandardCharsets.UTF_8));
    archive.finish();
    logDone(
        "pg_dump of instance {0}: {1} databases, {2} roles",
        request.instance().instanceId(), databases.size(), metadata.get("roles"));
    return new BackupResult(metadata);
  }

  /**
   * Runs the roles script; then for each database of the stream drops what an earlier attempt left,
   * creates it (quoted identifier, {@code TEMPLATE template0} with the source's encoding and
   * locale) and pipes its archive into {@code pg_restore --exit-on-error}; last runs the access
   * script. Every script is idempotent, so a repeated restore starts over.
   */
  @Override
  public void restore(RestoreRequest request) {
    RestorePart part = onlyPart(request);
    Host host = request.instance().host();
    ToolEnvironment tools = request.tools();
    int restored = 0;
    try (InputStream stream = part.open()) {
      DumpArchive.Reader archive = new DumpArchive.Reader(stream);
      for (Optional<DumpArchive.Entry> next = archive.next();
          next.isPresent();
          next = archive.next()) {
        if (next.get() instanceof DumpArchive.Database found) {
          restoreDatabase(host, tools, validated(found), archive.dump(), archive.version());
          restored++;
        } else {
          ToolPipe.fromRestore(
              host,
              maintenance(tools, "-f", "-"),
              archive.dump(),
              ToolPipe.EarlyExit.fail(
                  StandardErrorCode.COMMAND_FAILED, "psql stopped reading a script of the dump"));
        }
      }
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Closing the backup stream failed: " + e, e);
    }
    logDone(
        "Restored {0} databases of pg_dump {1} into instance {2}",
        restored, part.backupId(), request.instance().instanceId());
  }

  /** A backup of the first format carried no roles: the restore says so. */
  @Override
  public List<String> restoreNotices(List<RestorePart> chain) {
    return usersNotCarriedBefore(chain, "roles", "roles");
  }

  private void restoreDatabase(
      Host host,
      ToolEnvironment tools,
      DumpArchive.Database database,
      InputStream dump,
      int format) {
    host.run(
            maintenance(
                tools,
                "-c",
                "DROP DATABASE IF EXISTS " + identifier(database.name()) + " WITH (FORCE)",
                "-c",
                createDatabase(database)))
        .requireSuccess();
    List<String> arguments = new ArrayList<>();
    if (format == DumpArchive.FIRST_VERSION) {
      // Its roles were not carried: owners and grants would name roles that do not exist.
      arguments.addAll(List.of("--no-owner", "--no-acl"));
    }
    arguments.addAll(List.of("--exit-on-error", "-d", conninfo(database.name())));
    ToolPipe.fromRestore(
        host, tool(tools, "pg_restore").withArguments(arguments), dump, ToolPipe.EarlyExit.DRAIN);
  }

  /** The user databases, listed by psql as NUL-separated fields (names may hold any character). */
  List<DumpArchive.Database> listDatabases(Host host, ToolEnvironment tools) {
    String output =
        host.run(maintenance(tools, "-A", "-t", "-z", "-0", "-c", LIST_DATABASES))
            .requireSuccess()
            .stdout();
    return parseDatabaseList(output);
  }

  /** The one text value a query of the maintenance database answers (a generated script). */
  private String query(Host host, ToolEnvironment tools, String sql) {
    String output = host.run(maintenance(tools, "-A", "-t", "-c", sql)).requireSuccess().stdout();
    return output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
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
        || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
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

  /** psql on the maintenance database, quiet, stopping at the first error. */
  private Command maintenance(ToolEnvironment tools, String... arguments) {
    List<String> all = new ArrayList<>(List.of("-X", "-q", "-v", "ON_ERROR_STOP=1"));
    all.addAll(List.of("-d", conninfo(MAINTENANCE_DATABASE)));
    all.addAll(List.of(arguments));
    return tool(tools, "psql").withArguments(all);
  }

  /** A client tool of the version, over the socket, as the administrator, never prompting. */
  private Command tool(ToolEnvironment tools, String program) {
    return PostgresqlClient.command(tools, program, config().timeout());
  }
}
