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
package dev.steward.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Flavor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalPlatformConfigTest {
  private static final Path DATA = Path.of("/var/lib/steward");

  @Test
  void defaults() {
    PluginConfig properties = new PluginConfig("local", Map.of());
    LocalPlatformConfig config = LocalPlatformConfig.from(properties, DATA);
    properties.requireAllKnown();

    assertThat(config.baseDirectory()).isEqualTo(Path.of("/var/lib/steward/instances"));
    assertThat(config.objectStoreDirectory()).isEqualTo(Path.of("/var/lib/steward/objects"));
    assertThat(config.serviceUser()).isEqualTo("steward");
    assertThat(config.perInstanceUsers()).isTrue();
    assertThat(config.addressPrefix()).isEqualTo("127.77");
    assertThat(config.superviseInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.stopServersOnClose()).isFalse();
    assertThat(config.flavors())
        .containsExactly(
            new Flavor("1", "m1.tiny", 512, 1, 1),
            new Flavor("2", "m1.small", 1024, 1, 5),
            new Flavor("3", "m1.medium", 2048, 2, 10),
            new Flavor("4", "m1.large", 4096, 2, 20));
  }

  @Test
  void explicitValues() {
    PluginConfig properties =
        new PluginConfig(
            "local",
            Map.of(
                "base-dir", "/srv/db",
                "object-store-dir", "/srv/objects",
                "service-user", "dbservice",
                "per-instance-users", "false",
                "address-prefix", "127.90.3",
                "flavors.10", "huge, 65536, 16, 500",
                "flavors.2", "small,1024,1,5",
                "supervise-interval", "250ms",
                "stop-servers-on-close", "true"));
    LocalPlatformConfig config = LocalPlatformConfig.from(properties, DATA);
    properties.requireAllKnown();

    assertThat(config)
        .isEqualTo(
            new LocalPlatformConfig(
                Path.of("/srv/db"),
                Path.of("/srv/objects"),
                "dbservice",
                false,
                "127.90.3",
                List.of(
                    new Flavor("2", "small", 1024, 1, 5), new Flavor("10", "huge", 65536, 16, 500)),
                Duration.ofMillis(250),
                true));
  }

  @Test
  void unknownKeyFailsNamingIt() {
    PluginConfig properties = new PluginConfig("local", Map.of("base-directory", "/srv"));
    LocalPlatformConfig.from(properties, DATA);

    assertThatThrownBy(properties::requireAllKnown)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue())
        .hasMessageContaining("local.base-directory");
  }

  @Test
  void invalidValuesFailNamingTheProperty() {
    assertInvalid("base-dir", "relative/dir");
    assertInvalid("object-store-dir", "objects");
    assertInvalid("service-user", "Root User");
    // With per-instance users (the default), the stem leaves room for "-" and 12 hex digits.
    assertInvalid("service-user", "a-twenty-char-stem-x");
    assertInvalid("per-instance-users", "sometimes");
    assertInvalid("address-prefix", "10.1");
    assertInvalid("address-prefix", "127");
    assertInvalid("address-prefix", "127.256");
    assertInvalid("address-prefix", "127.1.2.3");
    assertInvalid("flavors.1", "tiny,512,1");
    assertInvalid("flavors.1", "tiny,0,1,1");
    assertInvalid("flavors.1", "tiny,many,1,1");
    assertInvalid("supervise-interval", "1ms");
    assertInvalid("supervise-interval", "soon");
    assertInvalid("stop-servers-on-close", "yes");
  }

  private static void assertInvalid(String key, String value) {
    assertThatThrownBy(
            () -> LocalPlatformConfig.from(new PluginConfig("local", Map.of(key, value)), DATA))
        .as("%s=%s", key, value)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue())
        .hasMessageContaining("local." + key);
  }
}
