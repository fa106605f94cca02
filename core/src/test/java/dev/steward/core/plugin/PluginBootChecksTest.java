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

import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import dev.steward.spi.SpiVersion;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreContext;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.RootAdmin;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot checks of {@link PluginChecks}: each refusal is PLUGIN_INCOMPATIBLE and names where the
 * plugin was loaded from. The stand-ins are as small as the refusal they provoke.
 */
class PluginBootChecksTest {
  @TempDir Path directory;

  @Test
  void aPluginOfAnotherSpiMajorIsRefusedNamingItsLocation() {
    PluginFixtures.assertFails(
        StandardErrorCode.PLUGIN_INCOMPATIBLE,
        NextMajorPlugin.class.getName()
            + " from "
            + PluginChecks.jarOf(NextMajorPlugin.class)
            + " was compiled against SPI "
            + (SpiVersion.MAJOR + 1)
            + "; this Steward runs SPI "
            + SpiVersion.MAJOR,
        () ->
            PluginFixtures.load(
                directory, Map.of(), PluginLoaderTest.PlatformPlugin.class, NextMajorPlugin.class));
  }

  /**
   * A real SPI 1 plugin: compiled here against SPI 1's {@code StewardPlugin} (which had no {@code
   * spiVersion()}) into its own jar, then loaded against this SPI.
   */
  @Test
  void aPluginCompiledAgainstSpiOneIsRefusedNamingItsJar() throws Exception {
    Path sources = Files.createDirectories(directory.resolve("src/dev/steward/spi"));
    Files.writeString(
        sources.resolve("StewardPlugin.java"),
        """
        package dev.steward.spi;
        public interface StewardPlugin {
          default java.util.List<dev.steward.spi.datastore.DatastoreFactory> datastoreFactories() {
            return java.util.List.of();
          }
        }
        """);
    Path plugin = Files.createDirectories(directory.resolve("src/org/example/old"));
    Files.writeString(
        plugin.resolve("OldPlugin.java"),
        """
        package org.example.old;
        public final class OldPlugin implements dev.steward.spi.StewardPlugin {}
        """);
    Path classes = Files.createDirectories(directory.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int exit =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            sources.resolve("StewardPlugin.java").toString(),
            plugin.resolve("OldPlugin.java").toString());
    assertThat(exit).isZero();
    Path jar = directory.resolve("old-plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(
          out,
          "org/example/old/OldPlugin.class",
          classes.resolve("org/example/old/OldPlugin.class"));
      out.putNextEntry(new JarEntry("META-INF/services/" + StewardPlugin.class.getName()));
      out.write("org.example.old.OldPlugin\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    PluginFixtures.assertFails(
        StandardErrorCode.PLUGIN_INCOMPATIBLE,
        "org.example.old.OldPlugin from " + jar.toUri().toURL() + " was compiled against SPI 1",
        () -> PluginFixtures.load(new URL[] {jar.toUri().toURL()}, Map.of()));
  }

  @Test
  void aDeclaredCapabilityWithoutItsInterfaceIsRefused() {
    assertFlaw(
        "databases-missing",
        "declares the databases capability but test-datastore's" + " databases() is empty");
    assertFlaw("access-without-users", "declares user_access without users for test-datastore 1");
  }

  @Test
  void anInterfaceWithoutItsCapabilityIsRefused() {
    assertFlaw(
        "root-undeclared",
        "returns test-datastore's root() but no version declares the root capability");
    assertFlaw(
        "backups-not-returned",
        "implements BackupSupport in "
            + BackupsNotReturned.class.getName()
            + " but backups() is empty");
  }

  /** An engine not installed here has no version: it declares nothing and is not refused. */
  @Test
  void aDatastoreWithoutInstalledVersionsIsNotChecked() throws Exception {
    Plugins plugins = withFlaw("not-installed");
    assertThat(plugins.datastore("test-datastore").versions()).isEmpty();
  }

  @Test
  void aConsistentDatastoreLoads() throws Exception {
    Plugins plugins = withFlaw("none");
    assertThat(plugins.datastore("test-datastore").databases()).isPresent();
  }

  private void assertFlaw(String flaw, String message) {
    PluginFixtures.assertFails(
        StandardErrorCode.PLUGIN_INCOMPATIBLE,
        MisdeclaringPlugin.Factory.class.getName()
            + " from "
            + PluginChecks.jarOf(MisdeclaringPlugin.class)
            + " "
            + message,
        () -> withFlaw(flaw));
  }

  private Plugins withFlaw(String flaw) throws Exception {
    return PluginFixtures.load(
        directory,
        Map.of("test-datastore.flaw", flaw),
        PluginLoaderTest.PlatformPlugin.class,
        MisdeclaringPlugin.class);
  }

  private static void add(JarOutputStream out, String name, Path file) throws IOException {
    out.putNextEntry(new JarEntry(name));
    Files.copy(file, out);
    out.closeEntry();
  }

  /** Says it was compiled against the next SPI major. */
  public static final class NextMajorPlugin extends PluginLoaderTest.DatastorePlugin {
    @Override
    public int spiVersion() {
      return SpiVersion.MAJOR + 1;
    }
  }

  /**
   * A datastore whose declarations disagree with its interfaces as {@code test-datastore.flaw}
   * says.
   */
  public static final class MisdeclaringPlugin implements StewardPlugin {
    @Override
    public int spiVersion() {
      return SpiVersion.MAJOR;
    }

    @Override
    public List<DatastoreFactory> datastoreFactories() {
      return List.of(new Factory());
    }

    /** Creates the flawed datastore. */
    public static final class Factory implements DatastoreFactory {
      @Override
      public String name() {
        return "test-datastore";
      }

      @Override
      public Datastore create(DatastoreContext context) {
        return switch (context.config().string("flaw", "none")) {
          case "databases-missing" -> new Declaring(Set.of(Capability.DATABASES), false);
          case "access-without-users" -> new Declaring(Set.of(Capability.USER_ACCESS), false);
          case "root-undeclared" -> new RootUndeclared();
          case "not-installed" -> new NotInstalled();
          case "backups-not-returned" -> new BackupsNotReturned();
          default -> new Declaring(Set.of(Capability.DATABASES), true);
        };
      }
    }
  }

  private static class Declaring extends PluginLoaderTest.StandInDatastore {
    private final Set<Capability> capabilities;
    private final boolean databases;

    Declaring(Set<Capability> capabilities, boolean databases) {
      this.capabilities = capabilities;
      this.databases = databases;
    }

    @Override
    public Set<Capability> capabilities(DatastoreVersion version) {
      return capabilities;
    }

    @Override
    public Optional<DatabaseAdmin> databases() {
      if (!databases) {
        return Optional.empty();
      }
      return Optional.of(new NoDatabases());
    }
  }

  private static final class RootUndeclared extends PluginLoaderTest.StandInDatastore {
    @Override
    public Optional<RootAdmin> root() {
      return Optional.of(
          new RootAdmin() {
            @Override
            public String userName() {
              return "root";
            }

            @Override
            public void enable(InstanceContext instance, Secret password) {}

            @Override
            public void disable(InstanceContext instance) {}

            @Override
            public boolean isEnabled(InstanceContext instance) {
              return false;
            }
          });
    }
  }

  /** Returns databases() but, with no version installed, declares nothing. */
  private static final class NotInstalled extends Declaring {
    NotInstalled() {
      super(Set.of(), true);
    }

    @Override
    public List<DatastoreVersion> versions() {
      return List.of();
    }
  }

  /** Implements BackupSupport itself but forgets to return it from {@code backups()}. */
  private static final class BackupsNotReturned extends PluginLoaderTest.StandInDatastore
      implements BackupSupport {
    @Override
    public List<String> strategies(DatastoreVersion version) {
      return List.of();
    }

    @Override
    public ToolEnvironment tools(InstanceContext instance) {
      throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void restored(InstanceContext instance) {}
  }

  private static final class NoDatabases implements DatabaseAdmin {
    @Override
    public void validate(DatabaseSpec spec) {}

    @Override
    public void create(InstanceContext instance, DatabaseSpec database) {}

    @Override
    public List<DatabaseInfo> list(InstanceContext instance) {
      return List.of();
    }

    @Override
    public void delete(InstanceContext instance, String name) {}
  }
}
