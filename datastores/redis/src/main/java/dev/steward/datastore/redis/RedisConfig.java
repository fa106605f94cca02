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

import dev.steward.spi.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The datastore's typed configuration (properties under {@code redis.}); defaults live here and
 * only here.
 *
 * @param serverBinary {@code server-binary}: the {@code redis-server} program; its {@code
 *     --version} names the one version offered
 * @param startupTimeout {@code startup-timeout}: how long {@code start} waits for PONG (loading a
 *     large RDB or AOF runs at about 100 MB/s)
 * @param stopTimeout {@code stop-timeout}: how long SIGTERM (final RDB save and AOF fsync) may take
 *     before the platform sends SIGKILL
 * @param commandTimeout {@code command-timeout}: connect and command timeout of admin connections
 * @param maxmemoryPercent {@code maxmemory-percent}: {@code maxmemory} as a share of the flavor's
 *     RAM, leaving the rest for fork copy-on-write during BGSAVE/AOF rewrite and for buffers
 * @param maxmemoryPolicy {@code maxmemory-policy}: {@code noeviction} by default, because a
 *     database service must refuse writes rather than silently drop data
 * @param appendOnly {@code appendonly}: the append-only file, on by default for durability
 * @param appendFsync {@code appendfsync}: {@code always}, {@code everysec} or {@code no}
 * @param savePoints {@code save}: RDB snapshot points as "seconds changes" pairs ({@code none}
 *     disables snapshots)
 */
public record RedisConfig(
    Path serverBinary,
    Duration startupTimeout,
    Duration stopTimeout,
    Duration commandTimeout,
    int maxmemoryPercent,
    String maxmemoryPolicy,
    boolean appendOnly,
    String appendFsync,
    List<SavePoint> savePoints) {
  public static final Path DEFAULT_SERVER_BINARY = Path.of("/usr/bin/redis-server");
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAXMEMORY_PERCENT = 75;
  public static final String DEFAULT_MAXMEMORY_POLICY = "noeviction";
  public static final boolean DEFAULT_APPEND_ONLY = true;
  public static final String DEFAULT_APPEND_FSYNC = "everysec";

  /** Redis 7's own default snapshot points. */
  public static final String DEFAULT_SAVE = "3600 1 300 100 60 10000";

  static final Set<String> MAXMEMORY_POLICIES =
      Set.of(
          "noeviction",
          "allkeys-lru",
          "allkeys-lfu",
          "allkeys-random",
          "volatile-lru",
          "volatile-lfu",
          "volatile-random",
          "volatile-ttl");
  static final Set<String> APPEND_FSYNC_MODES = Set.of("always", "everysec", "no");

  /**
   * One RDB snapshot point: save after {@code seconds} if at least {@code changes} keys changed.
   */
  public record SavePoint(int seconds, int changes) {
    public SavePoint {
      if (seconds <= 0 || changes <= 0) {
        throw new IllegalArgumentException("save points must be positive");
      }
    }
  }

  public RedisConfig {
    requireNonNull(serverBinary, "serverBinary is null");
    requireNonNull(startupTimeout, "startupTimeout is null");
    requireNonNull(stopTimeout, "stopTimeout is null");
    requireNonNull(commandTimeout, "commandTimeout is null");
    requireNonNull(maxmemoryPolicy, "maxmemoryPolicy is null");
    requireNonNull(appendFsync, "appendFsync is null");
    savePoints = List.copyOf(requireNonNull(savePoints, "savePoints is null"));
  }

  /** Reads every key; fails with {@code CONFIGURATION_INVALID} naming the bad property. */
  public static RedisConfig from(PluginConfig config) {
    Path serverBinary = config.path("server-binary", DEFAULT_SERVER_BINARY);
    Duration startupTimeout = positive(config, "startup-timeout", DEFAULT_STARTUP_TIMEOUT);
    Duration stopTimeout = positive(config, "stop-timeout", DEFAULT_STOP_TIMEOUT);
    Duration commandTimeout = positive(config, "command-timeout", DEFAULT_COMMAND_TIMEOUT);
    int maxmemoryPercent = config.integer("maxmemory-percent", DEFAULT_MAXMEMORY_PERCENT, 10, 95);
    String maxmemoryPolicy = config.string("maxmemory-policy", DEFAULT_MAXMEMORY_POLICY);
    if (!MAXMEMORY_POLICIES.contains(maxmemoryPolicy)) {
      throw config.invalid(
          "maxmemory-policy",
          "must be one of " + sorted(MAXMEMORY_POLICIES) + ", was " + quoted(maxmemoryPolicy));
    }
    boolean appendOnly = config.bool("appendonly", DEFAULT_APPEND_ONLY);
    String appendFsync = config.string("appendfsync", DEFAULT_APPEND_FSYNC);
    if (!APPEND_FSYNC_MODES.contains(appendFsync)) {
      throw config.invalid(
          "appendfsync",
          "must be one of " + sorted(APPEND_FSYNC_MODES) + ", was " + quoted(appendFsync));
    }
    List<SavePoint> savePoints;
    try {
      savePoints = parseSavePoints(config.string("save", DEFAULT_SAVE));
    } catch (IllegalArgumentException e) {
      throw config.invalid("save", e.getMessage());
    }
    return new RedisConfig(
        serverBinary,
        startupTimeout,
        stopTimeout,
        commandTimeout,
        maxmemoryPercent,
        maxmemoryPolicy,
        appendOnly,
        appendFsync,
        savePoints);
  }

  /** {@code "3600 1 300 100"} to two points; {@code none} to no points. */
  static List<SavePoint> parseSavePoints(String text) {
    String trimmed = text.trim();
    if (trimmed.equals("none")) {
      return List.of();
    }
    String[] numbers = trimmed.split("\\s+");
    if (trimmed.isEmpty() || numbers.length % 2 != 0) {
      throw new IllegalArgumentException(
          "expected pairs of 'seconds changes' (e.g. " + DEFAULT_SAVE + ") or none");
    }
    List<SavePoint> points = new ArrayList<>();
    for (int index = 0; index < numbers.length; index += 2) {
      if (!numbers[index].matches("[0-9]{1,9}") || !numbers[index + 1].matches("[0-9]{1,9}")) {
        throw new IllegalArgumentException("not a number pair: " + quoted(numbers[index]));
      }
      points.add(
          new SavePoint(Integer.parseInt(numbers[index]), Integer.parseInt(numbers[index + 1])));
    }
    return points;
  }

  private static Duration positive(PluginConfig config, String key, Duration defaultValue) {
    Duration value = config.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw config.invalid(key, "must be positive");
    }
    return value;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  private static String quoted(String value) {
    String shortened = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "'" + shortened.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
