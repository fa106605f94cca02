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
package dev.steward.backup.mongodump;

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
import dev.steward.toolkit.backup.ToolPipe;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

/**
 * The {@code mongodump} strategy (LOGICAL): {@code mongodump --archive} of every database of a
 * running MongoDB instance as one stream, restored with {@code mongorestore --archive --drop} into
 * a new, running instance. Core calls {@link #backup} and {@link #restore} on an operation's worker
 * thread. The administrator's password travels in a 0600 YAML {@code --config} file in CONFIG that
 * exists only while a tool runs (the tools read no password from the environment).
 *
 * <p>Reads the {@link ToolEnvironment} keys {@code host}, {@code port}, {@code user}, {@code
 * auth-database} and the secret {@code password} (see the MongoDB datastore's BackupSupport).
 */
public final class MongodumpStrategy extends PipedStrategy<MongodumpConfig> {
  public MongodumpStrategy(MongodumpConfig config) {
    super(MongodumpStrategyFactory.NAME, Set.of("mongodb"), RestoreMode.LOGICAL, config);
  }

  /** Streams the archive. Metadata: {@code tool} and {@code format} ({@code archive}). */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    Host host = request.instance().host();
    try (SecretFile file = configFile(host, request.tools())) {
      ToolPipe.toBackup(
          host,
          Command.of(
                  MongoCommands.dump(
                      config().mongodump(), file.path(), connection(request.tools())))
              .withTimeout(config().timeout()),
          out);
    }
    return new BackupResult(Map.of("tool", "mongodump", "format", "archive"));
  }

  /** Feeds the one archive of the chain to {@code mongorestore} on the new instance. */
  @Override
  public void restore(RestoreRequest request) {
    RestorePart part = onlyPart(request);
    Host host = request.instance().host();
    try (SecretFile file = configFile(host, request.tools())) {
      ToolPipe.fromRestore(
          host,
          Command.of(
                  MongoCommands.restore(
                      config().mongorestore(), file.path(), connection(request.tools())))
              .withTimeout(config().restoreTimeout()),
          part,
          ToolPipe.EarlyExit.fail(
              MongodumpErrorCode.STREAM_BROKEN,
              "mongorestore stopped reading backup " + part.backupId() + " before its end"));
    }
  }

  static MongoCommands.Connection connection(ToolEnvironment tools) {
    return new MongoCommands.Connection(
        tools.property("host"),
        tools.property("port"),
        tools.property("user"),
        tools.property("auth-database"));
  }

  /** The 0600 {@code --config} YAML file with the password in CONFIG, deleted on close. */
  private static SecretFile configFile(Host host, ToolEnvironment tools) {
    return SecretFile.write(
        host, "mongodump-", ".yaml", MongoCommands.configFile(tools.secret("password")));
  }
}
