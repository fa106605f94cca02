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
package dev.steward.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.config.ConfigSource;
import dev.steward.core.config.StewardConfig;
import dev.steward.core.plugin.PluginLoader;
import dev.steward.core.plugin.Plugins;
import dev.steward.spi.SpiVersion;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.Datastore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every plugin in this repository passes core's boot checks: built against this SPI major, every
 * datastore's capabilities matching its optional interfaces (for the engines installed here), the
 * strategies found on the class path with no table anywhere.
 */
class InTreePluginsTest {
  @TempDir Path directory;

  @Test
  void everyPluginIsBuiltAgainstThisSpiMajor() {
    List<StewardPlugin> plugins = new ArrayList<>();
    ServiceLoader.load(StewardPlugin.class).forEach(plugins::add);
    assertThat(plugins).hasSizeGreaterThanOrEqualTo(14);
    assertThat(plugins).allSatisfy(p -> assertThat(p.spiVersion()).isEqualTo(SpiVersion.MAJOR));
  }

  @Test
  void everyDatastoreAndStrategyPassesTheBootChecks() {
    ConfigSource source =
        new ConfigSource(
            Map.of(
                "steward.platform",
                "local",
                "steward.datastores",
                "postgresql,mysql,mariadb,percona,redis,mongodb,etcd",
                "steward.data-dir",
                directory.toString(),
                "local.base-dir",
                directory.resolve("i").toString()));
    StewardConfig config = StewardConfig.from(source.section(StewardConfig.PREFIX));
    Plugins plugins = PluginLoader.load(source, config, getClass().getClassLoader());
    // strategies of engines not installed on this machine (no version) are closed, not enabled
    assertThat(plugins.strategies().keySet())
        .contains("pg_basebackup", "pg_dump", "volume-snapshot")
        .isSubsetOf(
            "pg_basebackup",
            "pg_dump",
            "redis-rdb",
            "mysqldump",
            "xtrabackup",
            "mongodump",
            "volume-snapshot");
    Datastore postgresql = plugins.datastore("postgresql");
    assertThat(plugins.strategiesFor(postgresql, postgresql.versions().getFirst()))
        .containsExactly("pg_basebackup", "pg_dump", "volume-snapshot");
    Datastore etcd = plugins.datastore("etcd");
    assertThat(plugins.strategiesFor(etcd, etcd.versions().getFirst())).isEmpty();
    plugins.strategies().values().forEach(strategy -> strategy.close());
    plugins.datastores().values().forEach(Datastore::close);
    plugins.platform().close();
  }
}
