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

import dev.steward.core.config.ConfigSource;
import dev.steward.core.config.StewardConfig;
import dev.steward.core.quota.QuotaConfig;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.BackupStrategyFactory;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreContext;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.PlatformContext;
import dev.steward.spi.platform.PlatformFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every {@link StewardPlugin} on the class path through {@link ServiceLoader}, checks them
 * (each is built against this SPI major, contributes something, names and error codes are unique, a
 * datastore's capabilities match its optional interfaces) and creates exactly the platform and
 * datastores configuration names, and the backup strategies: those {@code
 * steward.backup.strategies} names, or without it every strategy on the class path that serves an
 * enabled datastore version. Unknown names fail and list the known ones; there is no fallback.
 */
public final class PluginLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

  private PluginLoader() {}

  public static Plugins load(ConfigSource source, StewardConfig config, ClassLoader classLoader) {
    List<StewardPlugin> plugins = new ArrayList<>();
    ServiceLoader.load(StewardPlugin.class, classLoader).forEach(plugins::add);
    Map<String, PlatformFactory> platforms = new TreeMap<>();
    Map<String, DatastoreFactory> datastores = new TreeMap<>();
    Map<String, BackupStrategyFactory> strategies = new TreeMap<>();
    Map<Integer, ErrorCode> codes = new HashMap<>();
    register(codes, Arrays.asList(StandardErrorCode.values()), "core");
    for (StewardPlugin plugin : plugins) {
      PluginChecks.requireSpiVersion(plugin);
      String pluginName = plugin.getClass().getName();
      if (plugin.platformFactories().isEmpty()
          && plugin.datastoreFactories().isEmpty()
          && plugin.backupStrategyFactories().isEmpty()) {
        throw invalid(
            "Plugin "
                + pluginName
                + " from "
                + PluginChecks.jarOf(plugin.getClass())
                + " declares no platform, no datastore and no backup strategy");
      }
      plugin
          .backupStrategyFactories()
          .forEach(f -> put(strategies, f.name(), f, "backup strategy"));
      plugin.platformFactories().forEach(f -> put(platforms, f.name(), f, "platform"));
      plugin.datastoreFactories().forEach(f -> put(datastores, f.name(), f, "datastore"));
      register(codes, plugin.errorCodes(), pluginName);
    }
    PlatformFactory platformFactory = platforms.get(config.platform());
    if (platformFactory == null) {
      throw invalid(
          "Unknown platform '" + config.platform() + "' (known: " + platforms.keySet() + ")");
    }
    Set<String> prefixes =
        new HashSet<>(Set.of(StewardConfig.PREFIX, QuotaConfig.PREFIX, config.platform()));
    for (String name : config.datastores()) {
      if (!datastores.containsKey(name)) {
        throw invalid("Unknown datastore '" + name + "' (known: " + datastores.keySet() + ")");
      }
      prefixes.add(name);
    }
    Optional<List<String>> named = config.backup().strategies();
    List<String> strategyNames = named.orElse(List.copyOf(strategies.keySet()));
    for (String name : strategyNames) {
      if (!strategies.containsKey(name)) {
        throw invalid(
            "Unknown backup strategy '" + name + "' (known: " + strategies.keySet() + ")");
      }
      prefixes.add(name);
    }
    source.requireKnownPrefixes(prefixes);

    Platform platform = createPlatform(source, config, platformFactory);
    Map<String, Datastore> enabled = new LinkedHashMap<>();
    for (String name : config.datastores()) {
      PluginConfig datastoreConfig = source.section(name);
      DatastoreContext context = () -> datastoreConfig;
      DatastoreFactory factory = datastores.get(name);
      Datastore datastore = factory.create(context);
      enabled.put(name, datastore);
      datastoreConfig.requireAllKnown();
      PluginChecks.requireConsistentCapabilities(datastore, factory.getClass());
    }
    Map<String, BackupStrategy> enabledStrategies = new LinkedHashMap<>();
    for (String name : strategyNames) {
      PluginConfig strategyConfig = source.section(name);
      BackupStrategy strategy = strategies.get(name).create(strategyConfig);
      strategyConfig.requireAllKnown();
      if (named.isPresent() || servesAny(strategy, enabled.values())) {
        enabledStrategies.put(name, strategy);
      } else {
        strategy.close();
      }
    }
    for (Map.Entry<String, String> choice : config.backup().choice().entrySet()) {
      if (!enabledStrategies.containsKey(choice.getValue())) {
        throw invalid(
            "steward.backup.choice names backup strategy '"
                + choice.getValue()
                + "' for "
                + choice.getKey()
                + ", which is not enabled (enabled: "
                + enabledStrategies.keySet()
                + ")");
      }
    }
    LOG.info(
        "Platform {}; datastores {}; backup strategies {}",
        config.platform(),
        enabled.keySet(),
        enabledStrategies.keySet());
    return new Plugins(platform, enabled, enabledStrategies, config.backup().choice());
  }

  private static Platform createPlatform(
      ConfigSource source, StewardConfig config, PlatformFactory factory) {
    PluginConfig platformConfig = source.section(config.platform());
    Path dataDirectory = config.dataDirectory();
    Platform platform =
        factory.create(
            new PlatformContext() {
              @Override
              public PluginConfig config() {
                return platformConfig;
              }

              @Override
              public Path dataDirectory() {
                return dataDirectory;
              }
            });
    platformConfig.requireAllKnown();
    return platform;
  }

  private static boolean servesAny(BackupStrategy strategy, Collection<Datastore> datastores) {
    for (Datastore datastore : datastores) {
      if (datastore.backups().isEmpty()) {
        continue;
      }
      for (DatastoreVersion version : datastore.versions()) {
        if (strategy.serves(datastore.name(), version)) {
          return true;
        }
      }
    }
    return false;
  }

  private static <T> void put(Map<String, T> map, String name, T factory, String kind) {
    if (map.putIfAbsent(name, factory) != null) {
      throw invalid(
          "Two plugins provide a "
              + kind
              + " named '"
              + name
              + "' (one is in "
              + PluginChecks.jarOf(factory.getClass())
              + ")");
    }
  }

  private static void register(
      Map<Integer, ErrorCode> codes, List<? extends ErrorCodeSupplier> suppliers, String owner) {
    for (ErrorCodeSupplier supplier : suppliers) {
      ErrorCode code = supplier.toErrorCode();
      ErrorCode previous = codes.putIfAbsent(code.code(), code);
      if (previous != null && !previous.equals(code)) {
        throw invalid(
            "Error code "
                + code.code()
                + " of "
                + owner
                + " ("
                + code.name()
                + ") is already used by "
                + previous.name());
      }
    }
  }

  private static StewardException invalid(String message) {
    return new StewardException(StandardErrorCode.CONFIGURATION_INVALID, message);
  }
}
