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
package dev.steward.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Typed getters, defaults, errors naming the full property, and unknown keys refused. */
class PluginConfigTest {
  @Test
  void typedValuesAndDefaults() {
    PluginConfig config =
        new PluginConfig(
            "pg",
            Map.of(
                "port", " 5432 ",
                "fsync", "false",
                "timeout", "250ms",
                "buffers", "128MB",
                "dir", "/var/lib/pg",
                "hosts", "a, ,b ,c",
                "password", "s3cret",
                "extra.work_mem", "4MB"));
    assertThat(config.prefix()).isEqualTo("pg");
    assertThat(config.integer("port", 1, 1, 65535)).isEqualTo(5432);
    assertThat(config.bool("fsync", true)).isFalse();
    assertThat(config.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(config.dataSize("buffers", DataSize.ofMegabytes(1)))
        .isEqualTo(DataSize.ofMegabytes(128));
    assertThat(config.path("dir", Path.of("x"))).isEqualTo(Path.of("/var/lib/pg"));
    assertThat(config.list("hosts", List.of())).containsExactly("a", "b", "c");
    assertThat(config.secret("password"))
        .hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("s3cret"));
    assertThat(config.subMap("extra")).containsExactly(Map.entry("work_mem", "4MB"));
    assertThat(config.string("missing", "default")).isEqualTo("default");
    assertThat(config.optionalString("absent")).isEmpty();
    config.requireAllKnown();
  }

  @Test
  void badValuesFailNamingTheFullProperty() {
    PluginConfig config =
        new PluginConfig("pg", Map.of("port", "99999", "fsync", "yes", "timeout", "5 parsecs"));
    assertInvalid(() -> config.integer("port", 1, 1, 65535), "pg.port", "between 1 and 65535");
    assertInvalid(() -> config.bool("fsync", true), "pg.fsync", "expected true or false");
    assertInvalid(() -> config.duration("timeout", Duration.ZERO), "pg.timeout", "not a duration");
  }

  @Test
  void anUnreadKeyFailsWithItsName() {
    PluginConfig config = new PluginConfig("pg", Map.of("port", "1", "prot", "2"));
    config.integer("port", 1, 1, 9);
    assertInvalid(config::requireAllKnown, "Unknown configuration property: pg.prot", "");
  }

  @Test
  void durationsInEveryUnit() {
    assertThat(PluginConfig.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(PluginConfig.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(PluginConfig.parseDuration(" 1h ")).isEqualTo(Duration.ofHours(1));
    assertThat(PluginConfig.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
    assertThatThrownBy(() -> PluginConfig.parseDuration("30"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertInvalid(ThrowingCallable call, String property, String problem) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue())
        .hasMessageContaining(property)
        .hasMessageContaining(problem);
  }
}
