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

import dev.steward.datastore.redis.RedisConfig.SavePoint;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code redis.conf} Steward writes into an instance's CONFIG directory at prepare. It holds no
 * secret: every password lives, hashed, in the ACL file next to it.
 *
 * <p>Persistence: RDB snapshots at the configured save points plus the append-only file with {@code
 * appendfsync everysec} (at most about a second of writes lost in a crash). SIGTERM, the platform's
 * stop signal, makes Redis fsync the AOF and write a final RDB before it exits.
 */
final class ServerConfiguration {
  static final String FILE_NAME = "redis.conf";
  static final String ACL_FILE_NAME = "users.acl";
  static final String SOCKET_NAME = "redis.sock";
  static final String PID_FILE_NAME = "redis.pid";

  /** The RDB file in DATA ({@code dbfilename}): loaded at start when the AOF is off. */
  static final String RDB_FILE_NAME = "dump.rdb";

  static final long MEGABYTE = 1024L * 1024;
  static final long MIN_MAXMEMORY_BYTES = 16 * MEGABYTE;

  private ServerConfiguration() {}

  /** Where an instance's files are. */
  record Layout(String address, String dataDirectory, String configDirectory, String runDirectory) {
    Layout {
      requireNonNull(address, "address is null");
      requireNonNull(dataDirectory, "dataDirectory is null");
      requireNonNull(configDirectory, "configDirectory is null");
      requireNonNull(runDirectory, "runDirectory is null");
    }
  }

  /**
   * {@code maxmemory}: the configured share (75 % by default) of the flavor's RAM, in bytes, at
   * least 16 MB (0 would mean "unlimited" to Redis). The rest is headroom for the fork that BGSAVE
   * and AOF rewrites use, client buffers and fragmentation.
   */
  static long maxmemoryBytes(int ramMb, int percent) {
    return Math.max(ramMb * MEGABYTE * percent / 100, MIN_MAXMEMORY_BYTES);
  }

  /** The contents of {@code redis.conf}; {@code major} gates directives Redis 6 lacks. */
  static String redisConf(Layout layout, RedisConfig config, int ramMb, int major) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# Written by Steward at prepare; edits are lost when the instance is prepared again.");
    lines.add("bind " + quote(layout.address()));
    lines.add("port " + RedisDatastore.PORT);
    lines.add("protected-mode yes");
    lines.add("unixsocket " + quote(layout.runDirectory() + "/" + SOCKET_NAME));
    lines.add("unixsocketperm 700");
    lines.add("pidfile " + quote(layout.runDirectory() + "/" + PID_FILE_NAME));
    lines.add("daemonize no");
    lines.add("supervised no");
    // The platform sends the server's standard output to the instance's log directory.
    lines.add("logfile \"\"");
    lines.add("loglevel notice");
    lines.add("always-show-logo no");
    lines.add("dir " + quote(layout.dataDirectory()));
    lines.add("dbfilename " + RDB_FILE_NAME);
    lines.add("aclfile " + quote(layout.configDirectory() + "/" + ACL_FILE_NAME));
    lines.add("maxmemory " + maxmemoryBytes(ramMb, config.maxmemoryPercent()));
    lines.add("maxmemory-policy " + config.maxmemoryPolicy());
    lines.add(saveLine(config.savePoints()));
    lines.add("appendonly " + (config.appendOnly() ? "yes" : "no"));
    lines.add("appendfsync " + config.appendFsync());
    // A full sync (replica or an RDB backup through redis-cli --rdb) starts at once instead of
    // waiting 5 s for more replicas to join it.
    lines.add("repl-diskless-sync-delay 0");
    if (major >= 7) {
      lines.add("enable-debug-command no");
      lines.add("enable-module-command no");
      lines.add("enable-protected-configs no");
      lines.add("shutdown-on-sigterm default");
    }
    lines.add("");
    return String.join("\n", lines);
  }

  /** {@code save 3600 1 300 100}, or {@code save ""} to disable snapshots. */
  static String saveLine(List<SavePoint> points) {
    if (points.isEmpty()) {
      return "save \"\"";
    }
    StringBuilder line = new StringBuilder("save");
    for (SavePoint point : points) {
      line.append(' ').append(point.seconds()).append(' ').append(point.changes());
    }
    return line.toString();
  }

  /** A double-quoted redis.conf argument; backslashes and quotes escaped, no line breaks. */
  static String quote(String value) {
    if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR, "A configuration value contains a line break");
    }
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
