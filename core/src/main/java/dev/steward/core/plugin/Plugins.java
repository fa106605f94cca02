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
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Platform;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plugin registry: what configuration enabled from the loaded plugins (one platform, the named
 * datastores, the backup strategies) and which strategies serve which datastore version. The
 * strategies' own declarations are the only source of that; the server and the launcher read it
 * from here.
 */
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
   * The enabled strategies that serve this datastore version ({@code BackupStrategy.serves}), the
   * one new backups use first: the deployer's choice ({@code steward.backup.choice}, by {@code
   * datastore:version} then {@code datastore}) when it serves the version, then those the datastore
   * prefers ({@code BackupSupport.strategies}) in its order, then the others by name. Empty when
   * the datastore has no backup support or no enabled strategy serves the version.
   */
  public List<String> strategiesFor(Datastore datastore, DatastoreVersion version) {
    Optional<BackupSupport> support = datastore.backups();
    if (support.isEmpty()) {
      return List.of();
    }
    Set<String> ordered = new LinkedHashSet<>();
    choice(datastore, version).ifPresent(ordered::add);
    ordered.addAll(support.get().strategies(version));
    ordered.addAll(strategies.keySet());
    return ordered.stream().filter(name -> serves(name, datastore, version)).toList();
  }

  /**
   * The strategy new backups of this datastore version use: the first of {@link #strategiesFor}.
   * NOT_SUPPORTED when none serves it; CONFIGURATION_INVALID when the deployer chose a strategy
   * that does not serve it.
   */
  public BackupStrategy strategyFor(Datastore datastore, DatastoreVersion version) {
    List<String> serving = strategiesFor(datastore, version);
    Optional<String> chosen = choice(datastore, version);
    if (chosen.isPresent() && !serving.contains(chosen.get())) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Backup strategy "
              + chosen.get()
              + " cannot back up "
              + datastore.name()
              + " "
              + version.name());
    }
    if (serving.isEmpty()) {
      throw new StewardException(
          StandardErrorCode.NOT_SUPPORTED,
          "Backups of "
              + datastore.name()
              + " "
              + version.name()
              + " are not supported here: no enabled backup strategy serves it (enabled: "
              + strategies.keySet()
              + ")");
    }
    return strategy(serving.getFirst());
  }

  private Optional<String> choice(Datastore datastore, DatastoreVersion version) {
    return Optional.ofNullable(strategyChoice.get(datastore.name() + ":" + version.name()))
        .or(() -> Optional.ofNullable(strategyChoice.get(datastore.name())));
  }

  private boolean serves(String name, Datastore datastore, DatastoreVersion version) {
    BackupStrategy strategy = strategies.get(name);
    return strategy != null && strategy.serves(datastore.name(), version);
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
              + capability.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
  }
}
