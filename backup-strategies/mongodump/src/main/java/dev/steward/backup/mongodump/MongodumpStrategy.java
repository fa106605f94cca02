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
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.RunningCommand;
import dev.steward.toolkit.backup.BackupPipes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
public final class MongodumpStrategy implements BackupStrategy {
  private static final Set<String> DATASTORES = Set.of("mongodb");

  private final MongodumpConfig config;

  public MongodumpStrategy(MongodumpConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public String name() {
    return MongodumpStrategyFactory.NAME;
  }

  @Override
  public Set<String> datastores() {
    return DATASTORES;
  }

  @Override
  public RestoreMode restoreMode() {
    return RestoreMode.LOGICAL;
  }

  /** Streams the archive. Metadata: {@code tool} and {@code format} ({@code archive}). */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    Host host = request.instance().host();
    try (ConfigFile file = ConfigFile.write(host, request.tools());
        RunningCommand running =
            host.start(
                Command.of(
                        MongoCommands.dump(
                            config.mongodump(), file.path(), connection(request.tools())))
                    .withTimeout(config.timeout()))) {
      BackupPipes.toBackup(running.stdout(), out, "mongodump");
      running.await().requireSuccess();
    }
    return new BackupResult(Map.of("tool", "mongodump", "format", "archive"));
  }

  /** Feeds the one archive of the chain to {@code mongorestore} on the new instance. */
  @Override
  public void restore(RestoreRequest request) {
    if (request.chain().size() != 1) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          "A mongodump backup is always full; a chain of "
              + request.chain().size()
              + " cannot be restored");
    }
    RestorePart part = request.chain().getFirst();
    Host host = request.instance().host();
    try (ConfigFile file = ConfigFile.write(host, request.tools());
        RunningCommand running =
            host.start(
                Command.of(
                        MongoCommands.restore(
                            config.mongorestore(), file.path(), connection(request.tools())))
                    .withTimeout(config.restoreTimeout()));
        InputStream in = part.open()) {
      if (!BackupPipes.toTool(in, running.stdin())) {
        running.await().requireSuccess();
        throw new StewardException(
            MongodumpErrorCode.STREAM_BROKEN,
            "mongorestore stopped reading backup " + part.backupId() + " before its end");
      }
      running.await().requireSuccess();
    } catch (IOException e) {
      throw new StewardException(
          MongodumpErrorCode.STREAM_BROKEN,
          "Reading backup " + part.backupId() + " failed: " + e.getMessage(),
          e);
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
  record ConfigFile(Host host, String name, Path path) implements AutoCloseable {
    static ConfigFile write(Host host, ToolEnvironment tools) {
      String name = "mongodump-" + UUID.randomUUID() + ".yaml";
      host.writeFile(
          HostDirectory.CONFIG,
          name,
          MongoCommands.configFile(tools.secret("password")).getBytes(StandardCharsets.UTF_8));
      return new ConfigFile(host, name, host.directory(HostDirectory.CONFIG).resolve(name));
    }

    @Override
    public void close() {
      host.deleteFile(HostDirectory.CONFIG, name);
    }
  }
}
