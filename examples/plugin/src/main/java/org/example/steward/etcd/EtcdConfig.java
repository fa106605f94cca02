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
package org.example.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The datastore's typed configuration (properties under {@code etcd.}); defaults live here and only
 * here.
 *
 * @param binDirectory {@code bin-dir}: the directory holding {@code etcd} (Debian: {@code
 *     /usr/bin})
 * @param startupTimeout {@code startup-timeout}: how long {@code start} waits for the server
 * @param requestTimeout {@code request-timeout}: timeout of one request to etcd's HTTP gateway
 * @param bcryptCost {@code bcrypt-cost}: etcd's {@code --bcrypt-cost} for user passwords (4 to 31;
 *     lower is faster and weaker)
 */
public record EtcdConfig(
    Path binDirectory, Duration startupTimeout, Duration requestTimeout, int bcryptCost) {
  public static final Path DEFAULT_BIN_DIRECTORY = Path.of("/usr/bin");
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_BCRYPT_COST = 10;

  public EtcdConfig {
    requireNonNull(binDirectory, "binDirectory is null");
    requireNonNull(startupTimeout, "startupTimeout is null");
    requireNonNull(requestTimeout, "requestTimeout is null");
  }

  /** Reads every key; fails with {@code CONFIGURATION_INVALID} naming the bad property. */
  public static EtcdConfig from(PluginConfig config) {
    Path binDirectory = config.path("bin-dir", DEFAULT_BIN_DIRECTORY);
    Duration startupTimeout = positive(config, "startup-timeout", DEFAULT_STARTUP_TIMEOUT);
    Duration requestTimeout = positive(config, "request-timeout", DEFAULT_REQUEST_TIMEOUT);
    int bcryptCost = config.integer("bcrypt-cost", DEFAULT_BCRYPT_COST, 4, 31);
    return new EtcdConfig(binDirectory, startupTimeout, requestTimeout, bcryptCost);
  }

  /** The server program. */
  public Path etcd() {
    return binDirectory.resolve("etcd");
  }

  private static Duration positive(PluginConfig config, String key, Duration defaultValue) {
    Duration value = config.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw config.invalid(key, "must be positive");
    }
    return value;
  }
}
