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
package dev.steward.datastore.postgresql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.datastore.DatastoreVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The datastore's typed configuration (properties under {@code postgresql.}); defaults live here
 * and only here.
 *
 * @param binRoot {@code bin-root}: the directory holding one {@code <major>/bin} per installed
 *     version (Debian layout)
 * @param versions {@code versions}: the majors offered; empty offers every installed one
 * @param startupTimeout {@code startup-timeout}: how long {@code start} waits for connections
 * @param maxConnections {@code max-connections}: the server's {@code max_connections}
 * @param initdbSync {@code initdb-sync}: false runs initdb with {@code --no-sync} (tests)
 * @param statementTimeout {@code statement-timeout}: statement timeout of admin connections
 */
public record PostgresqlConfig(
    Path binRoot,
    List<String> versions,
    Duration startupTimeout,
    int maxConnections,
    boolean initdbSync,
    Duration statementTimeout) {
  public static final Path DEFAULT_BIN_ROOT = Path.of("/usr/lib/postgresql");
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CONNECTIONS = 100;
  public static final boolean DEFAULT_INITDB_SYNC = true;
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

  public PostgresqlConfig {
    requireNonNull(binRoot, "binRoot is null");
    versions = List.copyOf(requireNonNull(versions, "versions is null"));
    requireNonNull(startupTimeout, "startupTimeout is null");
    requireNonNull(statementTimeout, "statementTimeout is null");
  }

  /** Reads every key; fails with {@code CONFIGURATION_INVALID} naming the bad property. */
  public static PostgresqlConfig from(PluginConfig config) {
    Path binRoot = config.path("bin-root", DEFAULT_BIN_ROOT);
    List<String> versions = config.list("versions", List.of());
    for (String version : versions) {
      if (!version.matches("[0-9]{1,3}")) {
        throw config.invalid("versions", "not a major version number: " + version);
      }
    }
    Duration startupTimeout = positive(config, "startup-timeout", DEFAULT_STARTUP_TIMEOUT);
    int maxConnections = config.integer("max-connections", DEFAULT_MAX_CONNECTIONS, 5, 10_000);
    boolean initdbSync = config.bool("initdb-sync", DEFAULT_INITDB_SYNC);
    Duration statementTimeout = positive(config, "statement-timeout", DEFAULT_STATEMENT_TIMEOUT);
    return new PostgresqlConfig(
        binRoot, versions, startupTimeout, maxConnections, initdbSync, statementTimeout);
  }

  /** The directory of a version's programs ({@code initdb}, {@code postgres}). */
  public Path binDirectory(DatastoreVersion version) {
    return binRoot.resolve(version.name()).resolve("bin");
  }

  private static Duration positive(PluginConfig config, String key, Duration defaultValue) {
    Duration value = config.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw config.invalid(key, "must be positive");
    }
    return value;
  }
}
