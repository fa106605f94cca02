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
import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.SpiVersion;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreContext;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.platform.Flavor;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.ObjectStore;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.PlatformContext;
import dev.steward.spi.platform.PlatformFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin loading: explicit names, unknown names and keys named in the error, plugins that declare
 * nothing and clashing error codes refused. The plugins here are small stand-ins written for this
 * test: they exercise the loader, not any platform or engine.
 */
class PluginLoaderTest {
  @TempDir Path directory;

  @Test
  void createsExactlyTheNamedPlugins() throws Exception {
    Plugins plugins =
        load(
            Map.of("test-platform.flavor-name", "tiny"),
            PlatformPlugin.class,
            DatastorePlugin.class);
    assertThat(plugins.datastores()).containsOnlyKeys("test-datastore");
    assertThat(plugins.platform().flavors()).extracting(Flavor::name).containsExactly("tiny");
    Datastore datastore = plugins.datastore("test-datastore");
    assertThat(plugins.version(datastore, Optional.empty()).name()).isEqualTo("1");
    assertFails(
        StandardErrorCode.NOT_SUPPORTED,
        "does not support root",
        () ->
            plugins.requireCapability(datastore, datastore.versions().getFirst(), Capability.ROOT));
    assertFails(
        StandardErrorCode.NOT_FOUND, "known: [test-datastore]", () -> plugins.datastore("nope"));
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "Unknown platform 'local' (known: [test-platform])",
        () ->
            load(Map.of("steward.platform", "local"), PlatformPlugin.class, DatastorePlugin.class));
    assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "Unknown datastore 'mysql' (known: [test-datastore])",
        () ->
            load(
                Map.of("steward.datastores", "mysql"),
                PlatformPlugin.class,
                DatastorePlugin.class));
  }

  @Test
  void unknownKeysAndPrefixesAreNamed() {
    assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "test-platform.flavour-name",
        () ->
            load(
                Map.of("test-platform.flavour-name", "x"),
                PlatformPlugin.class,
                DatastorePlugin.class));
    assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "postgres.port",
        () -> load(Map.of("postgres.port", "1"), PlatformPlugin.class, DatastorePlugin.class));
  }

  @Test
  void pluginsThatDeclareNothingOrClashFailBoot() {
    assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "declares no platform, no datastore and no backup strategy",
        () -> load(Map.of(), PlatformPlugin.class, DatastorePlugin.class, EmptyPlugin.class));
    assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "is already used by INVALID_ARGUMENT",
        () -> load(Map.of(), PlatformPlugin.class, ClashingDatastorePlugin.class));
  }

  private Plugins load(Map<String, String> extra, Class<?>... pluginClasses) throws Exception {
    return PluginFixtures.load(directory, extra, pluginClasses);
  }

  private static void assertFails(StandardErrorCode code, String message, ThrowingCallable call) {
    PluginFixtures.assertFails(code, message, call);
  }

  /** A platform stand-in offering one flavor named by its only property. */
  public static final class PlatformPlugin implements StewardPlugin {
    @Override
    public int spiVersion() {
      return SpiVersion.MAJOR;
    }

    @Override
    public List<PlatformFactory> platformFactories() {
      return List.of(
          new PlatformFactory() {
            @Override
            public String name() {
              return "test-platform";
            }

            @Override
            public Platform create(PlatformContext context) {
              String flavor = context.config().string("flavor-name", "small");
              return new StandInPlatform(new Flavor("1", flavor, 512, 1, 1));
            }
          });
    }
  }

  /** A datastore stand-in ({@code test-datastore}) with one version and no optional capability. */
  public static class DatastorePlugin implements StewardPlugin {
    @Override
    public int spiVersion() {
      return SpiVersion.MAJOR;
    }

    @Override
    public List<DatastoreFactory> datastoreFactories() {
      return List.of(
          new DatastoreFactory() {
            @Override
            public String name() {
              return "test-datastore";
            }

            @Override
            public Datastore create(DatastoreContext context) {
              return datastore();
            }
          });
    }

    /** The datastore the factory creates; subclasses return another stand-in. */
    protected Datastore datastore() {
      return new StandInDatastore();
    }
  }

  /** Declares an error code whose number core already uses. */
  public static final class ClashingDatastorePlugin extends DatastorePlugin {
    @Override
    public List<ErrorCodeSupplier> errorCodes() {
      return List.of(() -> new ErrorCode(1, "MY_CODE", ErrorCategory.INTERNAL, false));
    }
  }

  /** Declares nothing at all. */
  public static final class EmptyPlugin implements StewardPlugin {
    @Override
    public int spiVersion() {
      return SpiVersion.MAJOR;
    }
  }

  record StandInPlatform(Flavor flavor) implements Platform {
    @Override
    public List<Flavor> flavors() {
      return List.of(flavor);
    }

    @Override
    public Host provision(HostRequest request) {
      throw new StewardException(StandardErrorCode.NOT_SUPPORTED, "stand-in");
    }

    @Override
    public Optional<Host> find(String instanceId) {
      return Optional.empty();
    }

    @Override
    public void destroy(String instanceId) {}

    @Override
    public Set<String> hostIds() {
      return Set.of();
    }

    @Override
    public ObjectStore objectStore() {
      throw new StewardException(StandardErrorCode.NOT_SUPPORTED, "stand-in");
    }

    @Override
    public void close() {}
  }

  static class StandInDatastore implements Datastore {
    @Override
    public String name() {
      return "test-datastore";
    }

    @Override
    public List<DatastoreVersion> versions() {
      return List.of(new DatastoreVersion("1", "1.0"));
    }

    @Override
    public Set<Capability> capabilities(DatastoreVersion version) {
      return Set.of();
    }

    @Override
    public int port() {
      return 1;
    }

    @Override
    public EngineLifecycle lifecycle() {
      throw new StewardException(StandardErrorCode.NOT_SUPPORTED, "stand-in");
    }
  }
}
