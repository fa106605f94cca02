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

import static dev.steward.tck.ConfigAssertions.assertConfigInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MongodbConfigTest {
  @Test
  void pinsEveryDefault() {
    PluginConfig plugin = new PluginConfig("mongodb", Map.of());
    MongodbConfig config = MongodbConfig.from(plugin);
    plugin.requireAllKnown();
    assertThat(config)
        .isEqualTo(
            new MongodbConfig(
                "mongod",
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                1000));
  }

  @Test
  void readsEveryKey() {
    PluginConfig plugin =
        new PluginConfig(
            "mongodb",
            Map.of(
                "mongod", "/opt/mongodb/bin/mongod",
                "startup-timeout", "5s",
                "stop-timeout", "2m",
                "command-timeout", "1500ms",
                "max-connections", "200"));
    MongodbConfig config = MongodbConfig.from(plugin);
    plugin.requireAllKnown();
    assertThat(config)
        .isEqualTo(
            new MongodbConfig(
                "/opt/mongodb/bin/mongod",
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                Duration.ofMillis(1500),
                200));
  }

  @Test
  void unknownKeyFailsNamingIt() {
    PluginConfig plugin = new PluginConfig("mongodb", Map.of("cache-size", "1GB"));
    MongodbConfig.from(plugin);
    assertThatThrownBy(plugin::requireAllKnown)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains("mongodb.cache-size");
            });
  }

  @Test
  void invalidValuesFailNamingTheProperty() {
    assertInvalid("mongod", "bin/mongod");
    assertInvalid("mongod", "");
    assertInvalid("startup-timeout", "0s");
    assertInvalid("startup-timeout", "soon");
    assertInvalid("stop-timeout", "0ms");
    assertInvalid("command-timeout", "-1s");
    assertInvalid("max-connections", "9");
    assertInvalid("max-connections", "65537");
    assertInvalid("max-connections", "many");
  }

  private static void assertInvalid(String key, String value) {
    assertConfigInvalid("mongodb", key, value, MongodbConfig::from);
  }
}
