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
package dev.steward.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StewardConfigTest {
  @Test
  void defaultsArePinned() {
    StewardConfig config =
        StewardConfig.from(new PluginConfig("steward", Map.of("datastores", "postgresql")));
    Path data = Path.of(".steward").toAbsolutePath().normalize();
    assertThat(config.dataDirectory()).isEqualTo(data);
    assertThat(config.nodeId()).isEmpty();
    assertThat(config.platform()).isEqualTo("local");
    assertThat(config.datastores()).containsExactly("postgresql");
    assertThat(config.storeUrl())
        .isEqualTo(
            "jdbc:h2:file:"
                + data.resolve("store/steward")
                + ";MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    assertThat(config.storeUser()).isEqualTo("steward");
    assertThat(config.storePassword()).isEmpty();
    assertThat(config.workers()).isEqualTo(16);
    assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.maxAttempts()).isEqualTo(5);
    assertThat(config.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.defaultVolumeGb()).isEqualTo(1);
    assertThat(config.defaultFlavor()).isEqualTo("1");
    assertThat(config.warmPool()).isEmpty();
  }

  @Test
  void everyKeyIsRead() {
    StewardConfig config =
        StewardConfig.from(
            new PluginConfig(
                "steward",
                Map.ofEntries(
                    Map.entry("data-dir", "/tmp/s"),
                    Map.entry("node-id", "n1"),
                    Map.entry("platform", "p"),
                    Map.entry("datastores", "a, b"),
                    Map.entry("store.url", "jdbc:postgresql://127.0.0.2/x"),
                    Map.entry("store.user", "u"),
                    Map.entry("store.password", "pw"),
                    Map.entry("workers", "3"),
                    Map.entry("lease-duration", "2s"),
                    Map.entry("poll-interval", "10ms"),
                    Map.entry("max-attempts", "2"),
                    Map.entry("retry-backoff", "5ms"),
                    Map.entry("default-volume-gb", "7"),
                    Map.entry("default-flavor", "3"),
                    Map.entry("warm-pool", "a=2, b=0"))));
    assertThat(config.warmPool()).isEqualTo(Map.of("a", 2, "b", 0));
    assertThat(config.nodeId()).contains("n1");
    assertThat(config.datastores()).isEqualTo(List.of("a", "b"));
    assertThat(config.storePassword().orElseThrow().reveal()).isEqualTo("pw");
    assertThat(config.storePassword().orElseThrow().toString()).doesNotContain("pw");
    assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.defaultVolumeGb()).isEqualTo(7);
    assertThat(config.platform()).isEqualTo("p");
    assertThat(config.dataDirectory()).isEqualTo(Path.of("/tmp/s"));
    assertThat(config.storeUser()).isEqualTo("u");
    assertThat(config.workers()).isEqualTo(3);
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.maxAttempts()).isEqualTo(2);
    assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(5));
    assertThat(config.defaultFlavor()).isEqualTo("3");
    assertThat(Optional.of(config.storeUrl())).contains("jdbc:postgresql://127.0.0.2/x");
  }

  @Test
  void unknownKeyFailsNamingIt() {
    assertThatThrownBy(() ->
            StewardConfig.from(
                new PluginConfig("steward", Map.of("datastores", "x", "wokers", "3"))))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue())
        .hasMessageContaining("steward.wokers");
  }

  @Test
  void badValuesFailNamingTheProperty() {
    assertThatThrownBy(() ->
            StewardConfig.from(
                new PluginConfig("steward", Map.of("datastores", "x", "workers", "lots"))))
        .hasMessageContaining("steward.workers");
    assertThatThrownBy(() -> StewardConfig.from(new PluginConfig("steward", Map.of())))
        .hasMessageContaining("steward.datastores");
    assertThatThrownBy(() ->
            StewardConfig.from(
                new PluginConfig(
                    "steward", Map.of("datastores", "x", "store.url", "jdbc:mysql://x"))))
        .hasMessageContaining("steward.store.url");
  }

  @Test
  void warmPoolEntriesAreChecked() {
    for (String bad :
        List.of("redis", "redis=x", "redis=-1", "redis=65", "other=1", "redis=1,redis=2")) {
      assertThatThrownBy(() ->
              StewardConfig.from(
                  new PluginConfig("steward", Map.of("datastores", "redis", "warm-pool", bad))))
          .as(bad)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue())
          .hasMessageContaining("steward.warm-pool");
    }
  }

  @Test
  void unknownPrefixFails() {
    ConfigSource source = new ConfigSource(Map.of("steward.datastores", "x", "postgress.a", "1"));
    assertThatThrownBy(() -> source.requireKnownPrefixes(Set.of("steward", "postgresql")))
        .hasMessageContaining("postgress.a");
  }
}
