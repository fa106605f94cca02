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
package dev.steward.datastore.redis;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StewardException;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.toolkit.datastore.FixedStrategiesBackupSupport;
import dev.steward.toolkit.engine.HostFiles;
import dev.steward.toolkit.engine.PreparedMarker;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/**
 * Redis's side of backups. Core calls it on an operation's worker thread: {@link #strategies} when
 * it picks a strategy, {@link #tools} before every backup and restore, {@link #restored} after a
 * physical restore wrote an RDB file into DATA and before {@code start}.
 *
 * <p>Tool properties ({@link #tools}), the contract with {@code redis-rdb}:
 *
 * <ul>
 *   <li>{@code address}, {@code port}: the server's TCP address and port
 *   <li>{@code user}: Steward's administrator ACL user {@code steward_admin} ({@code +@all}, so it
 *       may run the {@code SYNC} that {@code redis-cli --rdb} sends)
 *   <li>{@code data-dir}: the server's {@code dir} (the host's DATA directory)
 *   <li>{@code rdb-file}: the server's {@code dbfilename} inside {@code data-dir}
 *   <li>{@code service-user}: the OS user the server runs as and its files belong to
 * </ul>
 *
 * Secrets: {@code password}, the administrator's password (for {@code REDISCLI_AUTH}).
 *
 * <p>A restored RDB is loaded at start whatever the save points ({@code save ""} included) as long
 * as the append-only file is off. With {@code appendonly yes} (the default) Redis would load the
 * AOF instead and ignore the RDB, so {@link #restored} makes the RDB the AOF's base: on Redis 7
 * {@code appendonlydir/appendonly.aof.1.base.rdb} with a manifest naming it, on Redis 6 the file
 * {@code appendonly.aof} itself (an AOF may start with an RDB preamble).
 */
final class RedisBackupSupport extends FixedStrategiesBackupSupport {
  static final List<String> STRATEGIES = List.of("redis-rdb", "volume-snapshot");

  static final String AOF_DIRECTORY = "appendonlydir";
  static final String AOF_BASE = "appendonly.aof.1.base.rdb";
  static final String AOF_MANIFEST = "appendonly.aof.manifest";
  static final String AOF_FILE_REDIS_6 = "appendonly.aof";

  private static final System.Logger LOG = System.getLogger(RedisBackupSupport.class.getName());

  private final RedisConfig config;
  private final RedisLifecycle lifecycle;
  private final EngineConnections connections;

  RedisBackupSupport(RedisConfig config, RedisLifecycle lifecycle, EngineConnections connections) {
    super(STRATEGIES);
    this.config = requireNonNull(config, "config is null");
    this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    this.connections = requireNonNull(connections, "connections is null");
  }

  /**
   * Before a file copy: Redis keeps its data in memory, so BGSAVE writes the RDB the copy takes,
   * and this waits until the save is no longer in progress and checks that it succeeded.
   */
  @Override
  public void flush(InstanceContext instance) {
    connections.withAdmin(
        instance,
        "saving the dataset before a volume snapshot",
        commands -> {
          commands.bgsave();
          long deadline = System.nanoTime() + java.time.Duration.ofMinutes(30).toNanos();
          String persistence = commands.info("persistence");
          // BGSAVE answers once the child is forked: "in progress" until the RDB is written.
          while (persistence.contains("rdb_bgsave_in_progress:1")) {
            if (System.nanoTime() > deadline) {
              throw new dev.steward.spi.StewardException(
                  dev.steward.spi.StandardErrorCode.TIMEOUT, "BGSAVE did not finish in 30 minutes");
            }
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new dev.steward.spi.StewardException(
                  dev.steward.spi.StandardErrorCode.TIMEOUT,
                  "Interrupted while waiting for BGSAVE");
            }
            persistence = commands.info("persistence");
          }
          if (!persistence.contains("rdb_last_bgsave_status:ok")) {
            throw new dev.steward.spi.StewardException(
                dev.steward.spi.StandardErrorCode.ENGINE_ERROR,
                "BGSAVE before the volume snapshot failed; see the server log");
          }
          return null;
        });
  }

  @Override
  public ToolEnvironment tools(InstanceContext instance) {
    Host host = instance.host();
    return new ToolEnvironment(
        Map.of(
            "address", host.address().getHostAddress(),
            "port", Integer.toString(RedisDatastore.PORT),
            "user", Names.ADMIN_USER,
            "data-dir", host.directory(HostDirectory.DATA).toString(),
            "rdb-file", ServerConfiguration.RDB_FILE_NAME,
            "service-user", host.serviceUser()),
        Map.of("password", instance.adminPassword()));
  }

  /**
   * Writes this instance's {@code redis.conf} and ACL file (root disabled, Steward's administrator
   * with the instance's admin password, which is the source's; the source's ACL users are not part
   * of an RDB), makes the RDB the AOF base when the AOF is on, and marks the host prepared.
   * Idempotent. {@code RESTORED_DATA_MISSING} when no RDB was restored.
   */
  @Override
  public void restored(InstanceContext instance) {
    Host host = instance.host();
    lifecycle.writeConfiguration(instance);
    String data = host.directory(HostDirectory.DATA).toString();
    String rdb = data + "/" + ServerConfiguration.RDB_FILE_NAME;
    if (config.appendOnly()) {
      if (RedisLifecycle.major(instance) >= 7) {
        adoptAsAofBase(host, data, rdb);
      } else if (exists(host, rdb)) {
        run(host, "mv", "-f", "--", rdb, data + "/" + AOF_FILE_REDIS_6);
      }
    }
    String loaded =
        !config.appendOnly()
            ? rdb
            : RedisLifecycle.major(instance) >= 7
                ? data + "/" + AOF_DIRECTORY + "/" + AOF_BASE
                : data + "/" + AOF_FILE_REDIS_6;
    if (!exists(host, loaded)) {
      throw new StewardException(
          RedisErrorCode.RESTORED_DATA_MISSING,
          "The restore left no RDB file in the data directory of instance "
              + instance.instanceId());
    }
    PreparedMarker.markPrepared(instance);
    LOG.log(Level.INFO, "Adopted a restored RDB for instance {0}", instance.instanceId());
  }

  /** Redis 7: the RDB becomes the only file of a fresh multi-part AOF. */
  private static void adoptAsAofBase(Host host, String data, String rdb) {
    if (exists(host, rdb)) {
      String directory = data + "/" + AOF_DIRECTORY;
      run(host, "mkdir", "-p", "-m", "0700", "--", directory);
      // Left by an earlier attempt or by the source; the restored RDB replaces all of it.
      run(host, "find", directory, "-mindepth", "1", "-delete");
      run(host, "mv", "-f", "--", rdb, directory + "/" + AOF_BASE);
    }
    HostFiles.writeUtf8(
        host,
        HostDirectory.DATA,
        AOF_DIRECTORY + "/" + AOF_MANIFEST,
        ("file " + AOF_BASE + " seq 1 type b\n"));
  }

  private static boolean exists(Host host, String file) {
    return host.run(Command.of("test", "-f", file).asServiceUser()).succeeded();
  }

  private static void run(Host host, String... arguments) {
    host.run(Command.of(arguments).asServiceUser()).requireSuccess();
  }
}
