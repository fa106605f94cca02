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

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration properties of one plugin instance: every key that starts with the plugin's
 * prefix (for example {@code postgresql.}), as given to core.
 *
 * <p>A factory reads its typed configuration from here in its {@code create} method, on the booting
 * thread. Every getter records the key as known; after {@code create} returns, core calls {@link
 * #requireAllKnown()} so that a misspelt key fails boot with the key named, instead of being
 * silently ignored. Every failure is a {@link StandardErrorCode#CONFIGURATION_INVALID} naming the
 * full property.
 */
public final class PluginConfig {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final String prefix;
  private final Map<String, String> properties;
  private final Set<String> known = new HashSet<>();

  /**
   * @param prefix the plugin's prefix without the trailing dot, such as {@code postgresql}
   * @param properties the keys below the prefix (without it), such as {@code shared-buffers}
   */
  public PluginConfig(String prefix, Map<String, String> properties) {
    this.prefix = requireNonNull(prefix, "prefix is null");
    this.properties = Map.copyOf(requireNonNull(properties, "properties is null"));
  }

  public String prefix() {
    return prefix;
  }

  public Optional<String> optionalString(String key) {
    known.add(key);
    return Optional.ofNullable(properties.get(key)).map(String::trim);
  }

  public String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    int value = parse(key, defaultValue, Integer::parseInt);
    if (value < min || value > max) {
      throw invalid(key, "must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  public boolean bool(String key, boolean defaultValue) {
    return parse(
        key,
        defaultValue,
        text -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("expected true or false");
          }
          return Boolean.parseBoolean(text);
        });
  }

  public Duration duration(String key, Duration defaultValue) {
    return parse(key, defaultValue, PluginConfig::parseDuration);
  }

  public DataSize dataSize(String key, DataSize defaultValue) {
    return parse(key, defaultValue, DataSize::parse);
  }

  public Path path(String key, Path defaultValue) {
    return parse(key, defaultValue, Path::of);
  }

  /** A comma-separated list; blanks are dropped. */
  public List<String> list(String key, List<String> defaultValue) {
    return parse(
        key,
        defaultValue,
        text ->
            Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  /** A secret; its value never appears in an error message. */
  public Optional<Secret> secret(String key) {
    return optionalString(key).map(Secret::of);
  }

  /** Every key below {@code key + "."}, as a sub-map (keys recorded as known). */
  public Map<String, String> subMap(String key) {
    String start = key + ".";
    Map<String, String> result = new TreeMap<>();
    properties.forEach((name, value) -> {
      if (name.startsWith(start)) {
        known.add(name);
        result.put(name.substring(start.length()), value.trim());
      }
    });
    return result;
  }

  /** Fails when a property was given that no getter asked for. */
  public void requireAllKnown() {
    Set<String> unknown = new TreeSet<>(properties.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Unknown configuration property: " + prefix + "." + unknown.iterator().next());
    }
  }

  private <T> T parse(String key, T defaultValue, Function<String, T> parser) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return parser.apply(text.get());
    } catch (RuntimeException e) {
      throw invalid(key, "invalid value: " + e.getMessage());
    }
  }

  public StewardException invalid(String key, String problem) {
    return new StewardException(
        StandardErrorCode.CONFIGURATION_INVALID,
        "Configuration property " + prefix + "." + key + ": " + problem);
  }

  /** Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h} or {@code 2d}. */
  public static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration (e.g. 30s): " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
