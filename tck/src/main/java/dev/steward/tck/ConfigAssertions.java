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
package dev.steward.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.Map;
import java.util.function.Function;

/** Assertions for a plugin's configuration binding, shared by the engines' config tests. */
public final class ConfigAssertions {
  private ConfigAssertions() {}

  /**
   * Asserts that binding {@code <prefix>.<key>=<value>} (and nothing else) fails with {@code
   * CONFIGURATION_INVALID} and a message naming the full property.
   */
  public static void assertConfigInvalid(
      String prefix, String key, String value, Function<PluginConfig, ?> bind) {
    assertThatThrownBy(() -> bind.apply(new PluginConfig(prefix, Map.of(key, value))))
        .as(key + "=" + value)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains(prefix + "." + key);
            });
  }
}
