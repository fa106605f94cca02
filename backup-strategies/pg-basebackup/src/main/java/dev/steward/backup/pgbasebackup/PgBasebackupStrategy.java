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
package dev.steward.backup.pgbasebackup;

import static java.util.Objects.requireNonNull;

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
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pg_basebackup}: a physical copy of the whole cluster (every database, every role) as one
 * tar stream, restored by extracting it into an empty data directory; PostgreSQL then replays the
 * WAL the tar carries ({@code -X fetch}) to a consistent state at its first start. Created once by
 * core at boot; {@link #backup} and {@link #restore} run on operation workers, any number at once
 * for different instances (the strategy keeps no state).
 *
 * <p>Reads from the {@link ToolEnvironment}: {@code bin-dir}, {@code socket-dir}, {@code port},
 * {@code user}, {@code data-dir}, secret {@code password}. Not incremental.
 */
final class PgBasebackupStrategy extends PipedStrategy<PgBasebackupConfig> {
  static final String NAME = "pg_basebackup";

  static final Pattern START_POINT =
      Pattern.compile("write-ahead log start point: ([0-9A-F]+/[0-9A-F]+) on timeline ([0-9]+)");
  static final Pattern END_POINT =
      Pattern.compile("write-ahead log end point: ([0-9A-F]+/[0-9A-F]+)");

  PgBasebackupStrategy(PgBasebackupConfig config) {
    super(NAME, Set.of("postgresql"), RestoreMode.PHYSICAL, config);
  }

  /**
   * Streams {@code pg_basebackup -D - -Ft -X fetch} (the cluster as one tar, WAL included) into
   * {@code out}. Metadata: {@code server-version}, {@code format} ({@code tar}), {@code start-lsn},
   * {@code timeline} and {@code end-lsn} when the tool reported them, {@code bytes}.
   */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    requireNonNull(out, "out is null");
    Host host = request.instance().host();
    ToolPipe.Output tar =
        ToolPipe.toBackup(host, backupCommand(request.tools(), request.backupId()), out);
    long bytes = tar.bytes();
    Map<String, String> metadata = metadata(tar.result().stderr());
    metadata.put("server-version", request.instance().version().number());
    metadata.put("bytes", Long.toString(bytes));
    logDone("pg_basebackup of instance {0}: {1} bytes", request.instance().instanceId(), bytes);
    return new BackupResult(metadata);
  }

  /**
   * Empties the data directory (an earlier attempt may have left files), extracts the tar into it
   * as the service user, checks that a cluster arrived and syncs it to disk.
   */
  @Override
  public void restore(RestoreRequest request) {
    RestorePart part = onlyPart(request);
    Host host = request.instance().host();
    String dataDirectory = absolute(request.tools().property("data-dir"));
    runAsServiceUser(host, "mkdir", "-p", "-m", "0700", "--", dataDirectory);
    runAsServiceUser(host, "find", dataDirectory, "-mindepth", "1", "-delete");
    Command extract =
        Command.of("tar", "-x", "-f", "-", "-C", dataDirectory)
            .asServiceUser()
            .withTimeout(config().timeout());
    ToolPipe.fromRestore(host, extract, part, ToolPipe.EarlyExit.DRAIN);
    if (!host.run(Command.of("test", "-f", dataDirectory + "/PG_VERSION").asServiceUser())
        .succeeded()) {
      throw new StewardException(
          PgBasebackupErrorCode.CLUSTER_INVALID,
          "Backup " + part.backupId() + " holds no PostgreSQL cluster (no PG_VERSION)");
    }
    runAsServiceUser(host, "sync", "-f", dataDirectory);
    logDone(
        "Restored pg_basebackup {0} into instance {1}",
        part.backupId(), request.instance().instanceId());
  }

  /** The backup command; the password only in the secret environment. */
  Command backupCommand(ToolEnvironment tools, String backupId) {
    return PostgresqlClient.command(tools, "pg_basebackup", config().timeout())
        .withArguments(
            List.of(
                "-D",
                "-",
                "-F",
                "t",
                "-X",
                "fetch",
                "-c",
                config().checkpoint(),
                "-l",
                "steward " + backupId,
                "-v"));
  }

  /** WAL positions from pg_basebackup's verbose standard error, when present. */
  static Map<String, String> metadata(String stderr) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "tar");
    Matcher start = START_POINT.matcher(stderr);
    if (start.find()) {
      metadata.put("start-lsn", start.group(1));
      metadata.put("timeline", start.group(2));
    }
    Matcher end = END_POINT.matcher(stderr);
    if (end.find()) {
      metadata.put("end-lsn", end.group(1));
    }
    return metadata;
  }

  private static String absolute(String directory) {
    if (!Path.of(directory).isAbsolute()) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "The datastore gives backup tools a relative data-dir: " + directory);
    }
    return directory;
  }

  private static void runAsServiceUser(Host host, String... arguments) {
    host.run(Command.of(arguments).asServiceUser()).requireSuccess();
  }
}
