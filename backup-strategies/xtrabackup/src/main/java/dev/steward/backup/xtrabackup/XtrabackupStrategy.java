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

import dev.steward.backup.xtrabackup.PhysicalCommands.Flavour;
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
import dev.steward.spi.platform.HostDirectory;
import dev.steward.toolkit.backup.PipedStrategy;
import dev.steward.toolkit.backup.SecretFile;
import dev.steward.toolkit.backup.StrategyDatastores;
import dev.steward.toolkit.backup.ToolPipe;
import dev.steward.toolkit.engine.PreparedMarker;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code xtrabackup} strategy (PHYSICAL, incremental): a hot physical copy of a MySQL-family
 * data directory as one xbstream, by {@code mariabackup} (MariaDB) or Percona XtraBackup (MySQL 8,
 * Percona Server). An incremental backup continues from its parent's {@code to_lsn}. Core calls
 * {@link #backup} and {@link #restore} on an operation's worker thread. Every tool runs as the
 * service user, so the files it writes are the server's; the administrator's password travels in a
 * 0600 option file in CONFIG that exists only while the backup tool runs.
 *
 * <p>Restore extracts the full part straight into the (cleared) data directory and prepares it
 * there, then extracts each incremental part into a scratch directory under TMP and applies it; no
 * copy-back. Reads the {@link ToolEnvironment} keys {@code distribution}, {@code config-file},
 * {@code socket}, {@code user}, {@code data-dir} and the secret {@code password}.
 */
public final class XtrabackupStrategy extends PipedStrategy<XtrabackupConfig> {
  static final String BACKUP_WORK_PREFIX = "xtrabackup-backup-";
  static final String RESTORE_SCRATCH = "xtrabackup-restore";

  public XtrabackupStrategy(XtrabackupConfig config) {
    super(
        XtrabackupStrategyFactory.NAME,
        StrategyDatastores.MYSQL_FAMILY,
        RestoreMode.PHYSICAL,
        config);
  }

  @Override
  public boolean incremental() {
    return true;
  }

  /**
   * Streams a full backup, or an incremental one from the parent's {@code to_lsn}. Metadata: {@code
   * tool}, {@code backup_type}, {@code incremental}, {@code from_lsn}, {@code to_lsn} (from {@code
   * xtrabackup_checkpoints}) and, when the tool reports it, {@code binlog_pos}.
   */
  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    ToolEnvironment tools = request.tools();
    Flavour flavour = Flavour.of(tools.property("distribution"));
    Optional<String> fromLsn =
        request.parent().map(parent -> PhysicalCommands.requireLsn(parent.get("to_lsn")));
    Host host = request.instance().host();
    String work = BACKUP_WORK_PREFIX + UUID.randomUUID();
    Path workDirectory = host.directory(HostDirectory.TMP).resolve(work);
    Path targetDirectory = workDirectory.resolve("target");
    Path lsnDirectory = workDirectory.resolve("lsn");
    try (SecretFile optionFile =
        SecretFile.write(
            host,
            "xtrabackup-",
            ".cnf",
            PhysicalCommands.optionFile(
                flavour,
                Path.of(tools.property("config-file")),
                tools.property("user"),
                tools.secret("password"),
                tools.property("socket"),
                tools.property("data-dir")))) {
      makeDirectories(host, targetDirectory, lsnDirectory);
      Command command =
          Command.of(
                  PhysicalCommands.backup(
                      flavour, optionFile.path(), targetDirectory, lsnDirectory, fromLsn))
              .withTimeout(config().timeout())
              .asServiceUser();
      ToolPipe.toBackup(host, command, out);
      return new BackupResult(metadata(host, flavour, work, fromLsn.isPresent()));
    } finally {
      removeTree(host, workDirectory);
    }
  }

  /**
   * Restores the chain into the new instance's data directory while no server runs: clears it (and
   * the prepared marker, so a half-restored host is never taken as prepared), extracts and prepares
   * the full part in place, then applies each incremental part. A repeated call starts over.
   */
  @Override
  public void restore(RestoreRequest request) {
    List<RestorePart> chain = request.chain();
    requireContinuousChain(chain);
    ToolEnvironment tools = request.tools();
    Flavour flavour = Flavour.of(tools.property("distribution"));
    Host host = request.instance().host();
    Path dataDirectory = Path.of(tools.property("data-dir"));
    Path scratchRoot = host.directory(HostDirectory.TMP).resolve(RESTORE_SCRATCH);
    host.deleteFile(HostDirectory.CONFIG, PreparedMarker.FILE_NAME);
    host.clear(HostDirectory.DATA);
    removeTree(host, scratchRoot);
    makeDirectories(host, dataDirectory);
    for (int index = 0; index < chain.size(); index++) {
      RestorePart part = chain.get(index);
      boolean more = index < chain.size() - 1;
      if (index == 0) {
        extract(host, flavour, part, dataDirectory);
        prepare(host, flavour, dataDirectory, Optional.empty(), more);
      } else {
        Path scratch = scratchRoot.resolve(Integer.toString(index));
        makeDirectories(host, scratch);
        extract(host, flavour, part, scratch);
        prepare(host, flavour, dataDirectory, Optional.of(scratch), more);
        removeTree(host, scratch);
      }
    }
    removeTree(host, scratchRoot);
  }

  /**
   * The first part must be a full backup and each next one must start where the previous ended
   * ({@code from_lsn} = previous {@code to_lsn}), checked before anything is touched.
   */
  static void requireContinuousChain(List<RestorePart> chain) {
    if ("true".equals(chain.getFirst().metadata().get("incremental"))) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          "Restore chain starts with incremental backup " + chain.getFirst().backupId());
    }
    for (int index = 1; index < chain.size(); index++) {
      String previousEnd = chain.get(index - 1).metadata().get("to_lsn");
      String start = chain.get(index).metadata().get("from_lsn");
      if (previousEnd == null || !previousEnd.equals(start)) {
        throw new StewardException(
            StandardErrorCode.BACKUP_INCOMPATIBLE,
            "Backup "
                + chain.get(index).backupId()
                + " starts at LSN "
                + start
                + " but its parent ends at "
                + previousEnd);
      }
    }
  }

  private Map<String, String> metadata(
      Host host, Flavour flavour, String work, boolean incremental) {
    Map<String, String> checkpoints =
        PhysicalCommands.keyValues(
            new String(
                host.readFile(HostDirectory.TMP, work + "/lsn/" + PhysicalCommands.CHECKPOINTS)
                    .orElseThrow(() ->
                        new StewardException(
                            XtrabackupErrorCode.CHECKPOINTS_MISSING,
                            flavour.tool + " wrote no " + PhysicalCommands.CHECKPOINTS)),
                StandardCharsets.UTF_8));
    String fromLsn = checkpoints.get("from_lsn");
    String toLsn = checkpoints.get("to_lsn");
    if (fromLsn == null || toLsn == null) {
      throw new StewardException(
          XtrabackupErrorCode.CHECKPOINTS_MISSING,
          PhysicalCommands.CHECKPOINTS + " of " + flavour.tool + " names no from_lsn/to_lsn");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("tool", flavour.tool);
    metadata.put("backup_type", checkpoints.getOrDefault("backup_type", ""));
    metadata.put("incremental", Boolean.toString(incremental));
    metadata.put("from_lsn", fromLsn);
    metadata.put("to_lsn", toLsn);
    host.readFile(HostDirectory.TMP, work + "/lsn/" + PhysicalCommands.INFO)
        .map(bytes -> PhysicalCommands.keyValues(new String(bytes, StandardCharsets.UTF_8)))
        .map(info -> info.get("binlog_pos"))
        .filter(position -> !position.isEmpty())
        .ifPresent(position -> metadata.put("binlog_pos", position));
    return metadata;
  }

  private void extract(Host host, Flavour flavour, RestorePart part, Path directory) {
    Command command =
        Command.of(PhysicalCommands.extract(flavour, directory))
            .withTimeout(config().prepareTimeout())
            .asServiceUser();
    ToolPipe.fromRestore(
        host,
        command,
        part,
        ToolPipe.EarlyExit.fail(
            XtrabackupErrorCode.STREAM_BROKEN,
            flavour.stream + " stopped reading backup " + part.backupId() + " before its end"));
  }

  private void prepare(
      Host host,
      Flavour flavour,
      Path dataDirectory,
      Optional<Path> incrementalDirectory,
      boolean more) {
    host.run(
            Command.of(
                    PhysicalCommands.prepare(
                        flavour, dataDirectory, incrementalDirectory, more, config().useMemory()))
                .withTimeout(config().prepareTimeout())
                .asServiceUser())
        .requireSuccess();
  }

  private static void makeDirectories(Host host, Path... directories) {
    Command command = Command.of("mkdir", "-p");
    for (Path directory : directories) {
      command = command.withArguments(List.of(directory.toString()));
    }
    host.run(command.asServiceUser()).requireSuccess();
  }

  /** Removes a directory tree the strategy made below one of the host's directories. */
  private static void removeTree(Host host, Path directory) {
    host.run(Command.of("rm", "-rf", "--one-file-system", directory.toString())).requireSuccess();
  }
}
