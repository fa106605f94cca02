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
package dev.steward.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.toolkit.engine.HostFiles;
import dev.steward.toolkit.engine.PreparedMarker;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MySQL family's side of backups, returned by {@link MysqlFamilyDatastore#backups()} and called
 * by core on an operation's worker thread: the strategies of a member (its configured {@code
 * backup-strategy} first, then {@code xtrabackup}, the physical one, then {@code mysqldump}), the
 * {@link ToolEnvironment} they reach the engine with, and the adoption of a physically restored
 * data directory.
 *
 * <p>Tool environment keys. The datastore writes no option file for tools: each strategy writes its
 * own 0600 file with the password (Host.writeFile in CONFIG) and deletes it afterwards.
 *
 * <ul>
 *   <li>{@value #SOCKET}: the server's unix socket (inside the instance's RUN directory)
 *   <li>{@value #HOST} and {@value #PORT}: the instance's address and TCP port (3306)
 *   <li>{@value #USER}: Steward's administrator ({@code os_admin}); it exists as {@code
 *       os_admin@localhost} for socket clients
 *   <li>{@value #DATA_DIR}: the server's data directory ({@code <DATA>/db})
 *   <li>{@value #CONFIG_FILE}: the server's own option file ({@code my.cnf}, no secrets), for tools
 *       that need the server's settings
 *   <li>{@value #SERVICE_USER}: the OS user the server runs as (restored files must be its)
 *   <li>{@value #DISTRIBUTION}: {@code mariadb}, {@code mysql} or {@code percona}: which tools to
 *       run ({@code mariadb-dump}/{@code mariabackup} or {@code mysqldump}/{@code xtrabackup})
 *   <li>{@value #CLIENT_PROGRAM}: the command-line client ({@code mariadb} or {@code mysql})
 *   <li>secret {@value #PASSWORD}: the administrator's password
 * </ul>
 */
public final class MysqlFamilyBackupSupport implements BackupSupport {
  public static final String SOCKET = "socket";
  public static final String PORT = "port";
  public static final String HOST = "host";
  public static final String USER = "user";
  public static final String DATA_DIR = "data-dir";
  public static final String CONFIG_FILE = "config-file";
  public static final String SERVICE_USER = "service-user";
  public static final String DISTRIBUTION = "distribution";
  public static final String CLIENT_PROGRAM = "client-program";
  public static final String PASSWORD = "password";

  /** The physical strategy (mariabackup for MariaDB, xtrabackup for MySQL and Percona). */
  public static final String XTRABACKUP = "xtrabackup";

  /** The logical strategy (mariadb-dump or mysqldump). */
  public static final String MYSQLDUMP = "mysqldump";

  /** MySQL's server UUID file: a copy would give the restored server its source's identity. */
  static final String SERVER_UUID_FILE = "auto.cnf";

  private static final System.Logger LOG =
      System.getLogger(MysqlFamilyBackupSupport.class.getName());

  private final Distribution distribution;
  private final MysqlFamilyConfig config;
  private final MysqlFamilyLifecycle lifecycle;

  MysqlFamilyBackupSupport(
      Distribution distribution, MysqlFamilyConfig config, MysqlFamilyLifecycle lifecycle) {
    this.distribution = requireNonNull(distribution, "distribution is null");
    this.config = requireNonNull(config, "config is null");
    this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
  }

  /** The configured strategy, then {@code xtrabackup}, then {@code mysqldump}, each once. */
  @Override
  public List<String> strategies(DatastoreVersion version) {
    requireNonNull(version, "version is null");
    Set<String> names = new LinkedHashSet<>();
    names.add(config.backupStrategy());
    names.add(XTRABACKUP);
    names.add(MYSQLDUMP);
    names.add("volume-snapshot");
    return List.copyOf(names);
  }

  @Override
  public ToolEnvironment tools(InstanceContext instance) {
    Host host = instance.host();
    ServerConfiguration.Paths paths = ServerConfiguration.Paths.of(host);
    Map<String, String> properties =
        Map.of(
            SOCKET, paths.socket(),
            PORT, Integer.toString(ServerConfiguration.PORT),
            HOST, host.address().getHostAddress(),
            USER, Distribution.ADMIN_USER,
            DATA_DIR, paths.dataDirectory(),
            CONFIG_FILE, configFile(host).toString(),
            SERVICE_USER, host.serviceUser(),
            DISTRIBUTION, distribution.name(),
            CLIENT_PROGRAM, distribution.clientProgram());
    return new ToolEnvironment(properties, Map.of(PASSWORD, instance.adminPassword()));
  }

  /**
   * Adopts a data directory a physical restore filled: writes this instance's my.cnf (its address,
   * memory and paths; the source's configuration never travels, the stream holds only the data
   * directory), removes the source's server identity ({@code auto.cnf}), gives every file to the
   * service user with owner-only access, re-creates the administrator's TCP account for this
   * instance's address (one short server run without networking, see {@link
   * MysqlFamilyLifecycle#adoptRestoredAdmin}), and marks the host prepared. Idempotent, and never
   * skipped because of an earlier marker: a repeated restore brought new files.
   */
  @Override
  public void restored(InstanceContext instance) {
    Host host = instance.host();
    Path dataDirectory = Path.of(ServerConfiguration.Paths.of(host).dataDirectory());
    if (!Files.isDirectory(dataDirectory, LinkOption.NOFOLLOW_LINKS)) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          "Instance "
              + instance.instanceId()
              + " has no restored data directory; the restore wrote nothing");
    }
    HostFiles.writeUtf8(
        host, HostDirectory.CONFIG, ServerConfiguration.FILE_NAME, lifecycle.myCnf(instance));
    host.deleteFile(
        HostDirectory.DATA, ServerConfiguration.DATA_SUBDIRECTORY + "/" + SERVER_UUID_FILE);
    host.run(ownershipCommand(host.serviceUser(), dataDirectory)).requireSuccess();
    host.run(permissionsCommand(dataDirectory)).requireSuccess();
    lifecycle.adoptRestoredAdmin(instance);
    PreparedMarker.markPrepared(instance);
    LOG.log(
        Level.INFO,
        "Adopted a restored {0} data directory for instance {1}",
        distribution.displayName(),
        instance.instanceId());
  }

  /** {@code chown -R <user>: <dir>} as the control plane (no change when it is that user). */
  static Command ownershipCommand(String serviceUser, Path dataDirectory) {
    return Command.of("chown", "-R", "-h", serviceUser + ":", dataDirectory.toString());
  }

  /** Owner-only access below the data directory, as the server's own initializer leaves it. */
  static Command permissionsCommand(Path dataDirectory) {
    return Command.of("chmod", "-R", "u+rwX,go-rwx", dataDirectory.toString());
  }

  private static Path configFile(Host host) {
    return host.directory(HostDirectory.CONFIG).resolve(ServerConfiguration.FILE_NAME);
  }
}
