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

import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.toolkit.mysql.OptionFile;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The instance's option file {@code CONFIG/my.cnf}: a {@code [client]} section (socket and port, no
 * credentials) and the server's section. Written at prepare; the server and the initializer read it
 * with {@code --defaults-file}, so no system-wide option file applies.
 */
final class ServerConfiguration {
  static final String FILE_NAME = "my.cnf";
  static final String DATA_SUBDIRECTORY = "db";
  static final String SOCKET = "mysqld.sock";
  static final String PID_FILE = "mysqld.pid";
  static final String ERROR_LOG = "error.log";
  static final int PORT = 3306;
  static final long MIN_BUFFER_POOL_MB = 32;

  private ServerConfiguration() {}

  /** The server's paths, all inside the instance's directories. */
  record Paths(String dataDirectory, String socket, String pidFile, String errorLog, String tmp) {
    Paths {
      requireNonNull(dataDirectory, "dataDirectory is null");
      requireNonNull(socket, "socket is null");
      requireNonNull(pidFile, "pidFile is null");
      requireNonNull(errorLog, "errorLog is null");
      requireNonNull(tmp, "tmp is null");
    }

    static Paths of(Host host) {
      return new Paths(
          host.directory(HostDirectory.DATA).resolve(DATA_SUBDIRECTORY).toString(),
          host.directory(HostDirectory.RUN).resolve(SOCKET).toString(),
          host.directory(HostDirectory.RUN).resolve(PID_FILE).toString(),
          host.directory(HostDirectory.LOG).resolve(ERROR_LOG).toString(),
          host.directory(HostDirectory.TMP).toString());
    }
  }

  /** The flavor's memory share for InnoDB's buffer pool, in MB (at least 32 MB). */
  static long bufferPoolMegabytes(int ramMb, int percent) {
    return Math.max(MIN_BUFFER_POOL_MB, (long) ramMb * percent / 100);
  }

  /**
   * A server id unique per address (the IPv4 address as an unsigned number), so that replicas of
   * different instances never share one.
   */
  static long serverId(InetAddress address) {
    if (address instanceof Inet4Address) {
      long id = Integer.toUnsignedLong(ByteBuffer.wrap(address.getAddress()).getInt());
      return id == 0 ? 1 : id;
    }
    byte[] bytes = address.getAddress();
    long id = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt());
    return id == 0 ? 1 : id;
  }

  static String myCnf(
      Distribution distribution,
      MysqlFamilyConfig config,
      InetAddress address,
      Paths paths,
      int ramMb) {
    OptionFile file =
        OptionFile.create()
            .comment("Written by Steward at prepare. Edits are lost.")
            .section("client")
            .option("socket", paths.socket())
            .option("port", Integer.toString(PORT))
            .section(distribution.serverSection())
            .option("datadir", paths.dataDirectory())
            .option("socket", paths.socket())
            .option("port", Integer.toString(PORT))
            .option("bind-address", address.getHostAddress())
            .option("pid-file", paths.pidFile())
            .option("log-error", paths.errorLog())
            .option("tmpdir", paths.tmp())
            .option("secure_file_priv", paths.tmp())
            .flag("skip-name-resolve")
            .option("local_infile", "0")
            .option("max_connections", Integer.toString(config.maxConnections()))
            .option(
                "innodb_buffer_pool_size",
                bufferPoolMegabytes(ramMb, config.bufferPoolPercent()) + "M")
            .option("server_id", Long.toString(serverId(address)))
            // Relative, so that a copied data directory (backup, replica) stays valid.
            .option("log_bin", "binlog")
            .option("binlog_format", "ROW")
            // Statements are never logged: CREATE USER text could hold a password.
            .option("general_log", "0")
            .option("slow_query_log", "0");
    for (String setting : distribution.memberSettings()) {
      file.flag(setting);
    }
    return file.text();
  }
}
