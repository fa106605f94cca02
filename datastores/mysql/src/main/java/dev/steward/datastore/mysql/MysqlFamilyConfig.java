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

import dev.steward.spi.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A family member's typed configuration (properties under {@code <name>.}, such as {@code
 * mariadb.max-connections}). Defaults live here, except the two each member names itself ({@link
 * Distribution#defaultServerProgram()} and {@link Distribution#defaultBackupStrategy()}).
 *
 * @param serverProgram {@code server-program}: the server binary ({@code mariadbd}, {@code
 *     mysqld}); its {@code --version} output decides the offered version
 * @param startupTimeout {@code startup-timeout}: how long {@code start} waits for a connection
 * @param statementTimeout {@code statement-timeout}: read timeout of admin connections
 * @param maxConnections {@code max-connections}: the server's {@code max_connections}
 * @param bufferPoolPercent {@code buffer-pool-percent}: share of the flavor's RAM given to {@code
 *     innodb_buffer_pool_size}
 * @param backupStrategy {@code backup-strategy}: the backup strategy new backups of this member use
 */
public record MysqlFamilyConfig(
    Path serverProgram,
    Duration startupTimeout,
    Duration statementTimeout,
    int maxConnections,
    int bufferPoolPercent,
    String backupStrategy) {
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONNECTIONS = 151;
  public static final int DEFAULT_BUFFER_POOL_PERCENT = 50;

  public MysqlFamilyConfig {
    requireNonNull(serverProgram, "serverProgram is null");
    requireNonNull(startupTimeout, "startupTimeout is null");
    requireNonNull(statementTimeout, "statementTimeout is null");
    requireNonNull(backupStrategy, "backupStrategy is null");
  }

  /** Reads every key; fails with {@code CONFIGURATION_INVALID} naming the bad property. */
  public static MysqlFamilyConfig from(PluginConfig config, Distribution distribution) {
    Path serverProgram = config.path("server-program", distribution.defaultServerProgram());
    if (!serverProgram.isAbsolute()) {
      throw config.invalid("server-program", "must be an absolute path, was " + serverProgram);
    }
    Duration startupTimeout = positive(config, "startup-timeout", DEFAULT_STARTUP_TIMEOUT);
    Duration statementTimeout = positive(config, "statement-timeout", DEFAULT_STATEMENT_TIMEOUT);
    int maxConnections = config.integer("max-connections", DEFAULT_MAX_CONNECTIONS, 10, 100_000);
    int bufferPoolPercent =
        config.integer("buffer-pool-percent", DEFAULT_BUFFER_POOL_PERCENT, 5, 90);
    String backupStrategy = config.string("backup-strategy", distribution.defaultBackupStrategy());
    if (!backupStrategy.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw config.invalid("backup-strategy", "not a backup strategy name: " + backupStrategy);
    }
    return new MysqlFamilyConfig(
        serverProgram,
        startupTimeout,
        statementTimeout,
        maxConnections,
        bufferPoolPercent,
        backupStrategy);
  }

  private static Duration positive(PluginConfig config, String key, Duration defaultValue) {
    Duration value = config.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw config.invalid(key, "must be positive");
    }
    return value;
  }
}
