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

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * All configuration properties, split by prefix: {@code steward.*} for core and one prefix per
 * enabled plugin. A property whose prefix names nothing enabled fails boot with the key named.
 */
public final class ConfigSource {
  private final Map<String, String> properties;

  public ConfigSource(Map<String, String> properties) {
    this.properties = new TreeMap<>(properties);
  }

  /** Reads a Java properties file (UTF-8). */
  public static ConfigSource fromFile(Path file) {
    Properties loaded = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      loaded.load(reader);
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID, "Cannot read configuration file " + file, e);
    }
    Map<String, String> map = new HashMap<>();
    loaded.forEach((key, value) -> map.put(key.toString(), value.toString()));
    return new ConfigSource(map);
  }

  /** Calls {@code action} for every property. */
  public void forEach(BiConsumer<String, String> action) {
    properties.forEach(action);
  }

  /** The properties below {@code prefix + "."}, with the prefix removed. */
  public PluginConfig section(String prefix) {
    Map<String, String> section = new HashMap<>();
    String start = prefix + ".";
    properties.forEach((key, value) -> {
      if (key.startsWith(start)) {
        section.put(key.substring(start.length()), value);
      }
    });
    return new PluginConfig(prefix, section);
  }

  /** Fails on the first property whose prefix is not one of {@code prefixes}. */
  public void requireKnownPrefixes(Set<String> prefixes) {
    for (String key : properties.keySet()) {
      int dot = key.indexOf('.');
      String prefix = dot < 0 ? key : key.substring(0, dot);
      if (!prefixes.contains(prefix)) {
        throw new StewardException(
            StandardErrorCode.CONFIGURATION_INVALID,
            "Unknown configuration property: "
                + key
                + " (known prefixes: "
                + String.join(", ", new TreeSet<>(prefixes))
                + ")");
      }
    }
  }
}
