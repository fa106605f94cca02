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

import dev.steward.spi.PluginConfig;
import dev.steward.spi.SpiVersion;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.BackupStrategyFactory;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.InstanceContext;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which strategies serve which datastore version comes from the strategies' declarations alone: the
 * registry enables those on the class path that serve an enabled version, orders them by the
 * datastore's preference, and lets explicit {@code steward.backup.*} configuration win.
 */
class StrategyRegistryTest {
  private static final DatastoreVersion ONE = new DatastoreVersion("1", "1.0");
  private static final DatastoreVersion TWO = new DatastoreVersion("2", "2.0");
  private static final Set<String> CLOSED = ConcurrentHashMap.newKeySet();

  @TempDir Path directory;

  @Test
  void strategiesOnTheClassPathServeWhatTheyDeclareInTheDatastoresOrder() throws Exception {
    CLOSED.clear();
    Plugins plugins = load(Map.of());
    assertThat(plugins.strategies()).containsOnlyKeys("alpha", "old-only", "preferred");
    assertThat(CLOSED).containsExactly("elsewhere");
    Datastore datastore = plugins.datastore("test-datastore");
    assertThat(plugins.strategiesFor(datastore, ONE))
        .containsExactly("preferred", "alpha", "old-only");
    assertThat(plugins.strategiesFor(datastore, TWO)).containsExactly("preferred", "alpha");
    assertThat(plugins.strategyFor(datastore, TWO).name()).isEqualTo("preferred");
  }

  @Test
  void explicitConfigurationWins() throws Exception {
    Plugins named = load(Map.of("steward.backup.strategies", "alpha,elsewhere"));
    assertThat(named.strategies()).containsOnlyKeys("alpha", "elsewhere");
    Datastore datastore = named.datastore("test-datastore");
    assertThat(named.strategiesFor(datastore, ONE)).containsExactly("alpha");

    Plugins chosen = load(Map.of("steward.backup.choice", "test-datastore:1=old-only"));
    assertThat(chosen.strategiesFor(datastore, ONE))
        .containsExactly("old-only", "preferred", "alpha");
    assertThat(chosen.strategyFor(datastore, ONE).name()).isEqualTo("old-only");
    PluginFixtures.assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "Backup strategy old-only cannot back up test-datastore 2",
        () ->
            load(Map.of("steward.backup.choice", "test-datastore=old-only"))
                .strategyFor(datastore, TWO));

    Plugins none = load(Map.of("steward.backup.strategies", ""));
    assertThat(none.strategies()).isEmpty();
    PluginFixtures.assertFails(
        StandardErrorCode.NOT_SUPPORTED,
        "Backups of test-datastore 1 are not supported here",
        () -> none.strategyFor(datastore, ONE));
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    PluginFixtures.assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "Unknown backup strategy 'nope' (known: [alpha, elsewhere, old-only, preferred])",
        () -> load(Map.of("steward.backup.strategies", "nope")));
    PluginFixtures.assertFails(
        StandardErrorCode.CONFIGURATION_INVALID,
        "steward.backup.choice names backup strategy 'elsewhere' for test-datastore, which is not"
            + " enabled (enabled: [alpha, old-only, preferred])",
        () -> load(Map.of("steward.backup.choice", "test-datastore=elsewhere")));
  }

  private Plugins load(Map<String, String> extra) throws Exception {
    return PluginFixtures.load(
        directory,
        extra,
        PluginLoaderTest.PlatformPlugin.class,
        BackedUpDatastorePlugin.class,
        StrategiesPlugin.class);
  }

  /** A datastore with two versions whose backup support prefers {@code preferred}. */
  public static final class BackedUpDatastorePlugin extends PluginLoaderTest.DatastorePlugin {
    @Override
    protected Datastore datastore() {
      return new BackedUpDatastore();
    }
  }

  /**
   * Four strategies: two serve every version of {@code test-datastore}, one only version 1, one
   * another datastore.
   */
  public static final class StrategiesPlugin implements StewardPlugin {
    @Override
    public int spiVersion() {
      return SpiVersion.MAJOR;
    }

    @Override
    public List<BackupStrategyFactory> backupStrategyFactories() {
      return List.of(
          factory("alpha", "test-datastore", Optional.empty()),
          factory("preferred", "test-datastore", Optional.empty()),
          factory("old-only", "test-datastore", Optional.of("1")),
          factory("elsewhere", "other-datastore", Optional.empty()));
    }

    private static BackupStrategyFactory factory(
        String name, String datastore, Optional<String> version) {
      return new BackupStrategyFactory() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public BackupStrategy create(PluginConfig config) {
          return new DeclaringStrategy(name, datastore, version);
        }
      };
    }
  }

  private static final class BackedUpDatastore extends PluginLoaderTest.StandInDatastore {
    @Override
    public List<DatastoreVersion> versions() {
      return List.of(ONE, TWO);
    }

    @Override
    public Optional<BackupSupport> backups() {
      return Optional.of(
          new BackupSupport() {
            @Override
            public List<String> strategies(DatastoreVersion version) {
              return List.of("preferred", "not-installed");
            }

            @Override
            public ToolEnvironment tools(InstanceContext instance) {
              throw new UnsupportedOperationException("stand-in");
            }

            @Override
            public void restored(InstanceContext instance) {}
          });
    }
  }

  /** Serves one datastore, optionally one version of it; never runs a backup here. */
  private record DeclaringStrategy(String name, String datastore, Optional<String> version)
      implements BackupStrategy {
    @Override
    public Set<String> datastores() {
      return Set.of(datastore);
    }

    @Override
    public boolean serves(String datastoreName, DatastoreVersion candidate) {
      return datastore.equals(datastoreName) && version.map(candidate.name()::equals).orElse(true);
    }

    @Override
    public RestoreMode restoreMode() {
      return RestoreMode.LOGICAL;
    }

    @Override
    public BackupResult backup(BackupRequest request, OutputStream out) {
      throw new StewardException(StandardErrorCode.NOT_SUPPORTED, "stand-in");
    }

    @Override
    public void restore(RestoreRequest request) {
      throw new StewardException(StandardErrorCode.NOT_SUPPORTED, "stand-in");
    }

    @Override
    public void close() {
      CLOSED.add(name);
    }
  }
}
