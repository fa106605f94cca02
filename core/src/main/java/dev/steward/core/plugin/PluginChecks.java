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

import dev.steward.spi.Capability;
import dev.steward.spi.SpiVersion;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import java.security.CodeSource;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The boot checks that refuse a plugin jar with {@link StandardErrorCode#PLUGIN_INCOMPATIBLE}
 * naming the jar: a plugin compiled against another SPI major, and a datastore whose declared
 * capabilities and optional interfaces disagree (the rules are on {@link Datastore}).
 */
final class PluginChecks {
  private PluginChecks() {}

  /** Refuses a plugin whose inlined {@link SpiVersion#MAJOR} is not the running one. */
  static void requireSpiVersion(StewardPlugin plugin) {
    int version;
    try {
      version = plugin.spiVersion();
    } catch (AbstractMethodError e) {
      throw incompatible(
          plugin.getClass(),
          "was compiled against SPI 1 (it has no spiVersion()); this Steward runs SPI "
              + SpiVersion.MAJOR
              + ": rebuild it against steward-spi "
              + SpiVersion.MAJOR);
    }
    if (version != SpiVersion.MAJOR) {
      throw incompatible(
          plugin.getClass(),
          "was compiled against SPI "
              + version
              + "; this Steward runs SPI "
              + SpiVersion.MAJOR
              + ": rebuild it against steward-spi "
              + SpiVersion.MAJOR);
    }
  }

  /**
   * Refuses a datastore whose capabilities and optional interfaces disagree, in either way. A
   * datastore with no installed version declares nothing and serves nothing: it is not checked (an
   * engine missing on this machine must not fail boot).
   */
  static void requireConsistentCapabilities(Datastore datastore, Class<?> origin) {
    if (datastore.versions().isEmpty()) {
      return;
    }
    Set<Capability> declared = EnumSet.noneOf(Capability.class);
    for (DatastoreVersion version : datastore.versions()) {
      declared.addAll(datastore.capabilities(version));
      if (datastore.capabilities(version).contains(Capability.USER_ACCESS)
          && !datastore.capabilities(version).contains(Capability.USERS)) {
        throw incompatible(
            origin,
            "declares user_access without users for " + datastore.name() + " " + version.name());
      }
    }
    agree(datastore, origin, declared, Capability.DATABASES, datastore.databases(), "databases()");
    agree(datastore, origin, declared, Capability.USERS, datastore.users(), "users()");
    agree(datastore, origin, declared, Capability.ROOT, datastore.root(), "root()");
    returnsItself(datastore, origin, DatabaseAdmin.class, datastore.databases(), "databases()");
    returnsItself(datastore, origin, UserAdmin.class, datastore.users(), "users()");
    returnsItself(datastore, origin, RootAdmin.class, datastore.root(), "root()");
    returnsItself(datastore, origin, BackupSupport.class, datastore.backups(), "backups()");
  }

  private static void agree(
      Datastore datastore,
      Class<?> origin,
      Set<Capability> declared,
      Capability capability,
      Optional<?> implementation,
      String method) {
    String name = capability.name().toLowerCase(Locale.ROOT);
    if (declared.contains(capability) && implementation.isEmpty()) {
      throw incompatible(
          origin,
          "declares the "
              + name
              + " capability but "
              + datastore.name()
              + "'s "
              + method
              + " is empty");
    }
    if (!declared.contains(capability) && implementation.isPresent()) {
      throw incompatible(
          origin,
          "returns "
              + datastore.name()
              + "'s "
              + method
              + " but no version declares the "
              + name
              + " capability");
    }
  }

  private static void returnsItself(
      Datastore datastore,
      Class<?> origin,
      Class<?> optionalInterface,
      Optional<?> implementation,
      String method) {
    if (optionalInterface.isInstance(datastore) && implementation.isEmpty()) {
      throw incompatible(
          origin,
          "implements "
              + optionalInterface.getSimpleName()
              + " in "
              + datastore.getClass().getName()
              + " but "
              + method
              + " is empty");
    }
  }

  /** Where a plugin class was loaded from: its jar, or its classes directory. */
  static String jarOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "an unknown location";
    }
    return source.getLocation().toString();
  }

  private static StewardException incompatible(Class<?> origin, String problem) {
    return new StewardException(
        StandardErrorCode.PLUGIN_INCOMPATIBLE,
        "Plugin " + origin.getName() + " from " + jarOf(origin) + " " + problem);
  }
}
