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

import static dev.steward.tck.ConfigAssertions.assertConfigInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtcdConfigTest {
  @Test
  void pinsEveryDefault() {
    PluginConfig plugin = new PluginConfig("etcd", Map.of());
    assertThat(EtcdConfig.from(plugin))
        .isEqualTo(
            new EtcdConfig(
                Path.of("/usr/bin"), Duration.ofSeconds(60), Duration.ofSeconds(10), 10));
    plugin.requireAllKnown();
  }

  @Test
  void readsEveryKey() {
    PluginConfig plugin =
        new PluginConfig(
            "etcd",
            Map.of(
                "bin-dir", "/opt/etcd/bin",
                "startup-timeout", "5s",
                "request-timeout", "1500ms",
                "bcrypt-cost", "4"));
    EtcdConfig config = EtcdConfig.from(plugin);
    plugin.requireAllKnown();
    assertThat(config)
        .isEqualTo(
            new EtcdConfig(
                Path.of("/opt/etcd/bin"), Duration.ofSeconds(5), Duration.ofMillis(1500), 4));
    assertThat(config.etcd()).isEqualTo(Path.of("/opt/etcd/bin/etcd"));
  }

  @Test
  void unknownKeyFailsNamingIt() {
    PluginConfig plugin = new PluginConfig("etcd", Map.of("quota-backend-bytes", "1"));
    EtcdConfig.from(plugin);
    assertThatThrownBy(plugin::requireAllKnown)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains("etcd.quota-backend-bytes");
            });
  }

  @Test
  void invalidValuesFailNamingTheProperty() {
    assertInvalid("startup-timeout", "0s");
    assertInvalid("startup-timeout", "soon");
    assertInvalid("request-timeout", "0ms");
    assertInvalid("bcrypt-cost", "3");
    assertInvalid("bcrypt-cost", "32");
    assertInvalid("bcrypt-cost", "ten");
  }

  private static void assertInvalid(String key, String value) {
    assertConfigInvalid("etcd", key, value, EtcdConfig::from);
  }
}
