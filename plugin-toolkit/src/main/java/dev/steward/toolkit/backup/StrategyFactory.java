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
package dev.steward.toolkit.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.BackupStrategyFactory;
import java.time.Duration;
import java.util.function.Function;

/**
 * A strategy factory: a name and how to create the strategy from its configuration. Core calls
 * {@link #create} once at boot with the properties under the strategy's name; every key must be
 * read by then ({@code requireAllKnown}), so a misspelt one fails boot naming it. A plugin either
 * uses it as it is or subclasses it with a no-argument constructor for its {@code StewardPlugin}.
 */
public class StrategyFactory implements BackupStrategyFactory {
  private final String name;
  private final Function<PluginConfig, BackupStrategy> creator;

  public StrategyFactory(String name, Function<PluginConfig, BackupStrategy> creator) {
    this.name = requireNonNull(name, "name is null");
    this.creator = requireNonNull(creator, "creator is null");
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final BackupStrategy create(PluginConfig config) {
    BackupStrategy strategy = creator.apply(config);
    config.requireAllKnown();
    return strategy;
  }

  /**
   * The default of every strategy's {@code timeout} key: how long one backup or restore tool may
   * run before it is killed (a retryable TIMEOUT).
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

  /** The {@code timeout} key ({@link #DEFAULT_TIMEOUT} when absent), which must be positive. */
  public static Duration timeout(PluginConfig config) {
    return positive(config, "timeout", DEFAULT_TIMEOUT);
  }

  /** A duration key that must be positive; CONFIGURATION_INVALID naming the key otherwise. */
  public static Duration positive(PluginConfig config, String key, Duration defaultValue) {
    Duration value = config.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw config.invalid(key, "must be positive");
    }
    return value;
  }
}
