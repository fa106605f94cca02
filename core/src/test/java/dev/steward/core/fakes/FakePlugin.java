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
package dev.steward.core.fakes;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.SpiVersion;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.BackupStrategyFactory;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreContext;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.PlatformContext;
import dev.steward.spi.platform.PlatformFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fakes as a plugin, found through a {@code META-INF/services} file that {@link FakeSteward}
 * writes: the platform {@code fake}, the datastore {@code fakedb} and the strategies of {@link
 * FakeStrategy}. Each factory hands out the fakes a test registered under the key its configuration
 * names ({@code fake.key}, {@code fakedb.key}, {@code fake-dump.key}), so the test holds the very
 * objects Steward uses.
 */
public final class FakePlugin implements StewardPlugin {
  private static final Map<String, Fakes> REGISTERED = new ConcurrentHashMap<>();

  /** The fakes one test runs Steward on. */
  public record Fakes(
      FakePlatform platform, FakeDatastore datastore, Map<String, FakeStrategy> strategies) {
    public Fakes {
      requireNonNull(platform, "platform is null");
      requireNonNull(datastore, "datastore is null");
      strategies = Map.copyOf(strategies);
    }
  }

  static void register(String key, Fakes fakes) {
    REGISTERED.put(key, fakes);
  }

  static void unregister(String key) {
    REGISTERED.remove(key);
  }

  private static Fakes registered(PluginConfig config) {
    String key = config.string("key", "");
    Fakes fakes = REGISTERED.get(key);
    if (fakes == null) {
      throw new IllegalStateException("no fakes registered under " + key);
    }
    return fakes;
  }

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
            return FakePlatform.NAME;
          }

          @Override
          public Platform create(PlatformContext context) {
            return registered(context.config()).platform();
          }
        });
  }

  @Override
  public List<DatastoreFactory> datastoreFactories() {
    return List.of(
        new DatastoreFactory() {
          @Override
          public String name() {
            return FakeDatastore.NAME;
          }

          @Override
          public Datastore create(DatastoreContext context) {
            return registered(context.config()).datastore();
          }
        });
  }

  @Override
  public List<BackupStrategyFactory> backupStrategyFactories() {
    return List.of(
        strategy(FakeStrategy.DUMP), strategy(FakeStrategy.COPY), strategy(FakeStrategy.INCREMENT));
  }

  private static BackupStrategyFactory strategy(String name) {
    return new BackupStrategyFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public BackupStrategy create(PluginConfig config) {
        return registered(config).strategies().get(name);
      }
    };
  }
}
