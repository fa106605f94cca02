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
package dev.steward.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.config.ConfigSource;
import dev.steward.core.config.StewardConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.StewardPlugin;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Loads stand-in plugins the way a deployment does: a services file on a class loader. */
final class PluginFixtures {
  private PluginFixtures() {}

  /**
   * Writes {@code META-INF/services} naming the plugin classes into {@code directory} and loads
   * plugins through a class loader over it, with {@code test-platform} and {@code test-datastore}
   * enabled unless {@code extra} says otherwise.
   */
  static Plugins load(Path directory, Map<String, String> extra, Class<?>... pluginClasses)
      throws Exception {
    Path services = directory.resolve("META-INF/services/" + StewardPlugin.class.getName());
    Files.createDirectories(services.getParent());
    List<String> names = Arrays.stream(pluginClasses).map(Class::getName).toList();
    Files.write(services, names);
    return load(new URL[] {directory.toUri().toURL()}, extra);
  }

  /** Loads plugins from the given class path entries (jars or directories) and the test's own. */
  static Plugins load(URL[] classPath, Map<String, String> extra) throws Exception {
    Map<String, String> properties = new HashMap<>();
    properties.put("steward.datastores", "test-datastore");
    properties.put("steward.platform", "test-platform");
    properties.putAll(extra);
    ConfigSource source = new ConfigSource(properties);
    StewardConfig config = StewardConfig.from(source.section(StewardConfig.PREFIX));
    try (URLClassLoader loader =
        new URLClassLoader(classPath, PluginFixtures.class.getClassLoader())) {
      return PluginLoader.load(source, config, loader);
    }
  }

  static void assertFails(StandardErrorCode code, String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.is(code)).isTrue())
        .hasMessageContaining(message);
  }
}
