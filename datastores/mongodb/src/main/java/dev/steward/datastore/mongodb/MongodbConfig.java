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
package dev.steward.datastore.mongodb;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import java.time.Duration;

/**
 * The datastore's typed configuration (properties under {@code mongodb.}); defaults live here and
 * only here.
 *
 * @param mongod {@code mongod}: the server program, an absolute path or a name looked up on the
 *     control plane's {@code PATH}; when a bare name is not found the datastore offers no version,
 *     when an absolute path is missing boot fails
 * @param startupTimeout {@code startup-timeout}: how long start (and prepare's bootstrap run) waits
 *     for the server to answer
 * @param stopTimeout {@code stop-timeout}: how long a clean shutdown (SIGTERM) may take before the
 *     platform sends SIGKILL
 * @param commandTimeout {@code command-timeout}: the driver's timeout for one administrative call
 * @param maxConnections {@code max-connections}: the server's {@code net.maxIncomingConnections}
 */
public record MongodbConfig(
    String mongod,
    Duration startupTimeout,
    Duration stopTimeout,
    Duration commandTimeout,
    int maxConnections) {
  public static final String DEFAULT_MONGOD = "mongod";
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONNECTIONS = 1000;

  public MongodbConfig {
    requireNonNull(mongod, "mongod is null");
    requireNonNull(startupTimeout, "startupTimeout is null");
    requireNonNull(stopTimeout, "stopTimeout is null");
    requireNonNull(commandTimeout, "commandTimeout is null");
  }

  /** Reads every key; fails with {@code CONFIGURATION_INVALID} naming the bad property. */
  public static MongodbConfig from(PluginConfig config) {
    String mongod = config.string("mongod", DEFAULT_MONGOD);
    if (mongod.isEmpty() || mongod.indexOf('\0') >= 0 || mongod.indexOf('\n') >= 0) {
      throw config.invalid("mongod", "must be a program name or an absolute path");
    }
    if (mongod.contains("/") && !mongod.startsWith("/")) {
      throw config.invalid("mongod", "a path must be absolute");
    }
    Duration startupTimeout = positive(config, "startup-timeout", DEFAULT_STARTUP_TIMEOUT);
    Duration stopTimeout = positive(config, "stop-timeout", DEFAULT_STOP_TIMEOUT);
    Duration commandTimeout = positive(config, "command-timeout", DEFAULT_COMMAND_TIMEOUT);
    int maxConnections = config.integer("max-connections", DEFAULT_MAX_CONNECTIONS, 10, 65_536);
    return new MongodbConfig(mongod, startupTimeout, stopTimeout, commandTimeout, maxConnections);
  }

  private static Duration positive(PluginConfig config, String key, Duration defaultValue) {
    Duration value = config.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw config.invalid(key, "must be positive");
    }
    return value;
  }
}
