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
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Platform;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The plugins configuration enabled: one platform and the named datastores. */
public final class Plugins {
  private final Platform platform;
  private final Map<String, Datastore> datastores;

  public Plugins(Platform platform, Map<String, Datastore> datastores) {
    this.platform = requireNonNull(platform, "platform is null");
    this.datastores = new TreeMap<>(datastores);
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
