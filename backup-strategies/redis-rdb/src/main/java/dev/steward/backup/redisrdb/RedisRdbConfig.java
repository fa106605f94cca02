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
package dev.steward.backup.redisrdb;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.toolkit.backup.StrategyFactory;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The strategy's typed configuration (properties under {@code redis-rdb.}); defaults live here and
 * only here.
 *
 * @param timeout {@code timeout}: how long one backup or restore command may run before it is
 *     killed (a retryable TIMEOUT)
 * @param redisCli {@code redis-cli}: the client program (looked up on the host's PATH unless
 *     absolute)
 */
public record RedisRdbConfig(Duration timeout, Path redisCli) {
  public static final Path DEFAULT_REDIS_CLI = Path.of("redis-cli");

  public RedisRdbConfig {
    requireNonNull(timeout, "timeout is null");
    requireNonNull(redisCli, "redisCli is null");
  }

  /** Reads every key; CONFIGURATION_INVALID naming the bad property. */
  public static RedisRdbConfig from(PluginConfig config) {
    Duration timeout = StrategyFactory.timeout(config);
    return new RedisRdbConfig(timeout, config.path("redis-cli", DEFAULT_REDIS_CLI));
  }
}
