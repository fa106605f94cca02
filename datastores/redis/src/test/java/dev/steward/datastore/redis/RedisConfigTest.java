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

import static dev.steward.tck.ConfigAssertions.assertConfigInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.redis.RedisConfig.SavePoint;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisConfigTest {
  @Test
  void pinsEveryDefault() {
    PluginConfig plugin = new PluginConfig("redis", Map.of());
    RedisConfig config = RedisConfig.from(plugin);
    assertThat(config)
        .isEqualTo(
            new RedisConfig(
                Path.of("/usr/bin/redis-server"),
                Duration.ofSeconds(120),
                Duration.ofSeconds(120),
                Duration.ofSeconds(30),
                75,
                "noeviction",
                true,
                "everysec",
                List.of(
                    new SavePoint(3600, 1), new SavePoint(300, 100), new SavePoint(60, 10000))));
    plugin.requireAllKnown();
  }

  @Test
  void readsEveryKey() {
    PluginConfig plugin =
        new PluginConfig(
            "redis",
            Map.of(
                "server-binary", "/opt/redis/bin/redis-server",
                "startup-timeout", "5s",
                "stop-timeout", "2m",
                "command-timeout", "1500ms",
                "maxmemory-percent", "50",
                "maxmemory-policy", "allkeys-lru",
                "appendonly", "false",
                "appendfsync", "always",
                "save", "900 1"));
    RedisConfig config = RedisConfig.from(plugin);
    plugin.requireAllKnown();
    assertThat(config)
        .isEqualTo(
            new RedisConfig(
                Path.of("/opt/redis/bin/redis-server"),
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                Duration.ofMillis(1500),
                50,
                "allkeys-lru",
                false,
                "always",
                List.of(new SavePoint(900, 1))));
  }

  @Test
  void saveNoneDisablesSnapshots() {
    RedisConfig config = RedisConfig.from(new PluginConfig("redis", Map.of("save", "none")));
    assertThat(config.savePoints()).isEmpty();
  }

  @Test
  void unknownKeyFailsNamingIt() {
    PluginConfig plugin = new PluginConfig("redis", Map.of("max-memory", "1gb"));
    RedisConfig.from(plugin);
    assertThatThrownBy(plugin::requireAllKnown)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains("redis.max-memory");
            });
  }

  @Test
  void invalidValuesFailNamingTheProperty() {
    assertInvalid("maxmemory-percent", "9");
    assertInvalid("maxmemory-percent", "96");
    assertInvalid("maxmemory-percent", "most");
    assertInvalid("maxmemory-policy", "evict-everything");
    assertInvalid("appendonly", "yes");
    assertInvalid("appendfsync", "sometimes");
    assertInvalid("save", "900");
    assertInvalid("save", "900 0");
    assertInvalid("save", "");
    assertInvalid("save", "60 x");
    assertInvalid("save", "60 1\nrequirepass x");
    assertInvalid("startup-timeout", "0s");
    assertInvalid("stop-timeout", "soon");
    assertInvalid("command-timeout", "0ms");
  }

  private static void assertInvalid(String key, String value) {
    assertConfigInvalid("redis", key, value, RedisConfig::from);
  }
}
