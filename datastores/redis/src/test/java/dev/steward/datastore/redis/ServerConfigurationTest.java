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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.redis.RedisConfig.SavePoint;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigurationTest {
  private static final ServerConfiguration.Layout LAYOUT =
      new ServerConfiguration.Layout("127.87.0.5", "/s/i/a/data", "/s/i/a/config", "/s/i/a/run");

  @Test
  void maxmemoryIsThreeQuartersOfTheFlavorsRam() {
    assertThat(ServerConfiguration.maxmemoryBytes(512, 75)).isEqualTo(384L * 1024 * 1024);
    assertThat(ServerConfiguration.maxmemoryBytes(1024, 75)).isEqualTo(768L * 1024 * 1024);
    assertThat(ServerConfiguration.maxmemoryBytes(4096, 75)).isEqualTo(3072L * 1024 * 1024);
    assertThat(ServerConfiguration.maxmemoryBytes(65_536, 50)).isEqualTo(32L * 1024 * 1024 * 1024);
    assertThat(ServerConfiguration.maxmemoryBytes(1000, 75)).isEqualTo(786_432_000L);
  }

  @Test
  void maxmemoryNeverFallsToZeroWhichWouldMeanUnlimited() {
    assertThat(ServerConfiguration.maxmemoryBytes(1, 10)).isEqualTo(16L * 1024 * 1024);
  }

  @Test
  void redisConfHoldsEverySetting() {
    String conf = ServerConfiguration.redisConf(LAYOUT, defaults(), 1024, 7);
    assertThat(conf.split("\n"))
        .containsExactly(
            "# Written by Steward at prepare; edits are lost when the instance is prepared again.",
            "bind \"127.87.0.5\"",
            "port 6379",
            "protected-mode yes",
            "unixsocket \"/s/i/a/run/redis.sock\"",
            "unixsocketperm 700",
            "pidfile \"/s/i/a/run/redis.pid\"",
            "daemonize no",
            "supervised no",
            "logfile \"\"",
            "loglevel notice",
            "always-show-logo no",
            "dir \"/s/i/a/data\"",
            "dbfilename dump.rdb",
            "aclfile \"/s/i/a/config/users.acl\"",
            "maxmemory 805306368",
            "maxmemory-policy noeviction",
            "save 3600 1 300 100 60 10000",
            "appendonly yes",
            "appendfsync everysec",
            "repl-diskless-sync-delay 0",
            "enable-debug-command no",
            "enable-module-command no",
            "enable-protected-configs no",
            "shutdown-on-sigterm default");
    assertThat(conf).doesNotContain("requirepass").doesNotContain("masterauth");
  }

  @Test
  void redis6GetsNoRedis7Directives() {
    String conf = ServerConfiguration.redisConf(LAYOUT, defaults(), 1024, 6);
    assertThat(conf)
        .doesNotContain("enable-debug-command")
        .doesNotContain("enable-module-command")
        .doesNotContain("enable-protected-configs")
        .doesNotContain("shutdown-on-sigterm")
        .contains("aclfile");
  }

  @Test
  void configuredPersistenceAndEviction() {
    RedisConfig config =
        RedisConfig.from(
            new PluginConfig(
                "redis",
                Map.of(
                    "save", "none",
                    "appendonly", "false",
                    "appendfsync", "no",
                    "maxmemory-policy", "allkeys-lru",
                    "maxmemory-percent", "50")));
    String conf = ServerConfiguration.redisConf(LAYOUT, config, 2048, 7);
    assertThat(conf)
        .contains("\nsave \"\"\n")
        .contains("\nappendonly no\n")
        .contains("\nappendfsync no\n")
        .contains("\nmaxmemory-policy allkeys-lru\n")
        .contains("\nmaxmemory 1073741824\n");
  }

  @Test
  void saveLine() {
    assertThat(ServerConfiguration.saveLine(List.of())).isEqualTo("save \"\"");
    assertThat(ServerConfiguration.saveLine(List.of(new SavePoint(900, 1), new SavePoint(60, 5))))
        .isEqualTo("save 900 1 60 5");
  }

  @Test
  void quotesConfigurationArguments() {
    assertThat(ServerConfiguration.quote("/a b/\"c\"\\d")).isEqualTo("\"/a b/\\\"c\\\"\\\\d\"");
    assertThatThrownBy(() -> ServerConfiguration.quote("/x\nrequirepass y"))
        .isInstanceOf(StewardException.class);
  }

  private static RedisConfig defaults() {
    return RedisConfig.from(new PluginConfig("redis", Map.of()));
  }
}
