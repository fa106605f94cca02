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

import static dev.steward.tck.ConfigAssertions.assertConfigInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresqlConfigTest {
  @Test
  void pinsEveryDefault() {
    PluginConfig plugin = new PluginConfig("postgresql", Map.of());
    PostgresqlConfig config = PostgresqlConfig.from(plugin);
    assertThat(config)
        .isEqualTo(
            new PostgresqlConfig(
                Path.of("/usr/lib/postgresql"),
                List.of(),
                Duration.ofSeconds(60),
                100,
                true,
                Duration.ofSeconds(30)));
    plugin.requireAllKnown();
  }

  @Test
  void readsEveryKey() {
    PluginConfig plugin =
        new PluginConfig(
            "postgresql",
            Map.of(
                "bin-root", "/opt/pg",
                "versions", "16, 15",
                "startup-timeout", "5s",
                "max-connections", "42",
                "initdb-sync", "false",
                "statement-timeout", "1500ms"));
    PostgresqlConfig config = PostgresqlConfig.from(plugin);
    plugin.requireAllKnown();
    assertThat(config)
        .isEqualTo(
            new PostgresqlConfig(
                Path.of("/opt/pg"),
                List.of("16", "15"),
                Duration.ofSeconds(5),
                42,
                false,
                Duration.ofMillis(1500)));
  }

  @Test
  void unknownKeyFailsNamingIt() {
    PluginConfig plugin = new PluginConfig("postgresql", Map.of("max-conections", "10"));
    PostgresqlConfig.from(plugin);
    assertThatThrownBy(plugin::requireAllKnown)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains("postgresql.max-conections");
            });
  }

  @Test
  void invalidValuesFailNamingTheProperty() {
    assertInvalid("max-connections", "0");
    assertInvalid("max-connections", "lots");
    assertInvalid("startup-timeout", "0s");
    assertInvalid("startup-timeout", "soon");
    assertInvalid("statement-timeout", "0ms");
    assertInvalid("initdb-sync", "yes");
    assertInvalid("versions", "15,latest");
  }

  @Test
  void binDirectoryFollowsTheDebianLayout() {
    PostgresqlConfig config = PostgresqlConfig.from(new PluginConfig("postgresql", Map.of()));
    assertThat(config.binDirectory(new dev.steward.spi.datastore.DatastoreVersion("15", "15.20")))
        .isEqualTo(Path.of("/usr/lib/postgresql/15/bin"));
  }

  private static void assertInvalid(String key, String value) {
    assertConfigInvalid("postgresql", key, value, PostgresqlConfig::from);
  }
}
