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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Capability;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The plugins configuration enabled: one platform and the named datastores. */
public final class Plugins {
  private final Platform platform;
  private final Map<String, Datastore> datastores;
  private final Map<String, BackupStrategy> strategies;
  private final Map<String, String> strategyChoice;

  public Plugins(
      Platform platform,
      Map<String, Datastore> datastores,
      Map<String, BackupStrategy> strategies,
      Map<String, String> strategyChoice) {
    this.platform = requireNonNull(platform, "platform is null");
    this.datastores = new TreeMap<>(datastores);
    this.strategies = new TreeMap<>(strategies);
    this.strategyChoice = Map.copyOf(strategyChoice);
  }

  /** The enabled backup strategies by name. */
  public Map<String, BackupStrategy> strategies() {
    return Map.copyOf(strategies);
  }

  /** An enabled strategy by name; BACKUP_INCOMPATIBLE when it is not enabled (any more). */
  public BackupStrategy strategy(String name) {
    BackupStrategy strategy = strategies.get(name);
    if (strategy == null) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          "Backup strategy " + name + " is not enabled (enabled: " + strategies.keySet() + ")");
    }
    return strategy;
  }

  /**
   * The strategy new backups of this datastore version use: the deployer's choice ({@code
   * steward.backup.choice}, by {@code datastore:version} then {@code datastore}), else the first
   * strategy the datastore lists that is enabled. NOT_SUPPORTED when there is none.
   */
  public BackupStrategy strategyFor(Datastore datastore, DatastoreVersion version) {
    List<String> listed =
        datastore.backups().map(support -> support.strategies(version)).orElse(List.of());
    String chosen =
        Optional.ofNullable(strategyChoice.get(datastore.name() + ":" + version.name()))
            .or(() -> Optional.ofNullable(strategyChoice.get(datastore.name())))
            .or(() -> listed.stream().filter(strategies::containsKey).findFirst())
            .orElseThrow(() ->
                new StewardException(
                    StandardErrorCode.NOT_SUPPORTED,
                    "Backups of "
                        + datastore.name()
                        + " "
                        + version.name()
                        + " are not supported here: enable one of its strategies "
                        + listed
                        + " in steward.backup.strategies"));
    BackupStrategy strategy = strategy(chosen);
    if (!listed.contains(chosen) || !strategy.datastores().contains(datastore.name())) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Backup strategy "
              + chosen
              + " cannot back up "
              + datastore.name()
              + " "
              + version.name());
    }
    return strategy;
  }

  public Platform platform() {
    return platform;
  }

  public Map<String, Datastore> datastores() {
    return Map.copyOf(datastores);
  }

  /** The datastore by name; {@code NOT_FOUND} naming the known ones otherwise. */
  public Datastore datastore(String name) {
    Datastore datastore = datastores.get(name);
    if (datastore == null) {
      throw new StewardException(
          StandardErrorCode.NOT_FOUND,
          "Datastore '" + name + "' cannot be found (known: " + datastores.keySet() + ")");
    }
    return datastore;
  }

  /** The version by name, or the datastore's default (first) version. */
  public DatastoreVersion version(Datastore datastore, Optional<String> name) {
    if (datastore.versions().isEmpty()) {
      throw new StewardException(
          StandardErrorCode.NOT_FOUND,
          "Datastore '" + datastore.name() + "' has no installed version");
    }
    if (name.isEmpty()) {
      return datastore.versions().getFirst();
    }
    return datastore.versions().stream()
        .filter(version -> version.name().equals(name.get()) || version.number().equals(name.get()))
        .findFirst()
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.NOT_FOUND,
                "Datastore version '"
                    + name.get()
                    + "' cannot be found for datastore '"
                    + datastore.name()
                    + "'"));
  }

  /** Refuses with {@code NOT_SUPPORTED} unless the version declares the capability. */
  public void requireCapability(
      Datastore datastore, DatastoreVersion version, Capability capability) {
    Set<Capability> declared = datastore.capabilities(version);
    if (!declared.contains(capability)) {
      throw new StewardException(
          StandardErrorCode.NOT_SUPPORTED,
          "Datastore "
              + datastore.name()
              + " "
              + version.name()
              + " does not support "
              + capability.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
  }
}
