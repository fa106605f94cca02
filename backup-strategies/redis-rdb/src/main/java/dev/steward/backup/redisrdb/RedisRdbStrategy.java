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
package dev.steward.backup.redisrdb;

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
import dev.steward.toolkit.backup.ToolPipe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code redis-rdb}: a consistent RDB snapshot of a running Redis, taken the way a replica gets one
 * ({@code redis-cli --rdb -} sends {@code SYNC}; the server forks and streams the RDB), restored by
 * writing it as the instance's RDB file while no server runs; the datastore then adopts it ({@code
 * BackupSupport.restored}) and Redis loads it at start. Created once by core at boot; {@link
 * #backup} and {@link #restore} run on operation workers.
 *
 * <p>Reads from the {@link ToolEnvironment}: {@code address}, {@code port}, {@code user}, {@code
 * data-dir}, {@code rdb-file}, secret {@code password} (as {@code REDISCLI_AUTH}). Not incremental.
 * The server's {@code repl-diskless-sync-delay} (5 s by default) delays the start.
 */
final class RedisRdbStrategy extends PipedStrategy<RedisRdbConfig> {
  static final String NAME = "redis-rdb";

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");
  private static final Pattern RDB_HEADER = Pattern.compile("REDIS[0-9]{4}");

  RedisRdbStrategy(RedisRdbConfig config) {
    super(NAME, Set.of("redis"), RestoreMode.PHYSICAL, config);
  }

  /**
   * Streams the RDB of a replication sync into {@code out} (without redis-cli's trailing EOF mark).
   * Metadata: {@code format} ({@code rdb}), {@code rdb-version}, {@code server-version}, {@code
   * bytes}.
   */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    Host host = request.instance().host();
    RdbOutput rdb = new RdbOutput(out);
    RdbOutput.Result result;
    try {
      ToolPipe.toBackup(host, backupCommand(request.tools()), rdb);
      result = rdb.finish();
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Writing the backup stream failed: " + e, e);
    }
    logDone("RDB of instance {0}: {1} bytes", request.instance().instanceId(), result.bytes());
    return new BackupResult(
        Map.of(
            "format", "rdb",
            "rdb-version", result.rdbVersion(),
            "server-version", request.instance().version().number(),
            "bytes", Long.toString(result.bytes())));
  }

  /**
   * Checks the stream's RDB header, empties the data directory (an earlier attempt or the source's
   * AOF may have left files), then writes the stream to {@code <data-dir>/<rdb-file>} through
   * {@code dd} as the service user (fsynced at the end).
   */
  @Override
  public void restore(RestoreRequest request) {
    RestorePart part = onlyPart(request);
    Host host = request.instance().host();
    ToolEnvironment tools = request.tools();
    String dataDirectory = tools.property("data-dir");
    String rdbFile = tools.property("rdb-file");
    if (!Path.of(dataDirectory).isAbsolute() || !FILE_NAME.matcher(rdbFile).matches()) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "The datastore gives backup tools a relative data-dir or an rdb-file with a path");
    }
    try (InputStream stream = part.open()) {
      byte[] header = stream.readNBytes(RdbOutput.HEADER_LENGTH);
      if (!RDB_HEADER.matcher(new String(header, StandardCharsets.ISO_8859_1)).matches()) {
        throw RdbOutput.invalid("backup " + part.backupId() + " has no REDIS header");
      }
      host.run(Command.of("find", dataDirectory, "-mindepth", "1", "-delete").asServiceUser())
          .requireSuccess();
      Command write =
          Command.of(
                  "dd", "of=" + dataDirectory + "/" + rdbFile, "bs=1M", "conv=fsync", "status=none")
              .asServiceUser()
              .withTimeout(config().timeout());
      ToolPipe.fromRestore(
          host,
          write,
          new SequenceInputStream(new ByteArrayInputStream(header), stream),
          ToolPipe.EarlyExit.fail(
              StandardErrorCode.COMMAND_FAILED, "dd stopped reading before the end of the RDB"));
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Reading the backup stream failed: " + e, e);
    }
    logDone("Restored RDB {0} into instance {1}", part.backupId(), request.instance().instanceId());
  }

  /**
   * An RDB holds the keys, not the ACL: the restored instance has Steward's administrator only, so
   * the restore says that the source's users were not recreated.
   */
  @Override
  public List<String> restoreNotices(List<RestorePart> chain) {
    return List.of(
        "redis-rdb backup "
            + chain.getFirst().backupId()
            + " holds no ACL users (an RDB carries keys only): users of the source other than"
            + " the administrator were not recreated; create them again");
  }

  /** {@code redis-cli --rdb -} as the admin user; the password only in REDISCLI_AUTH. */
  Command backupCommand(ToolEnvironment tools) {
    return Command.of(
            config().redisCli().toString(),
            "-h",
            tools.property("address"),
            "-p",
            tools.property("port"),
            "--user",
            tools.property("user"),
            "--no-auth-warning",
            "--rdb",
            "-")
        .withSecretEnvironment("REDISCLI_AUTH", tools.secret("password"))
        .withTimeout(config().timeout());
  }
}
