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
package dev.steward.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.datastore.DatastoreVersion;
import java.io.OutputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a plugin gets when it overrides nothing but what it must. */
class DefaultsTest {
  @Test
  void aPluginContributesNothingByDefault() {
    StewardPlugin plugin = () -> SpiVersion.MAJOR;
    assertThat(plugin.spiVersion()).isEqualTo(SpiVersion.MAJOR);
    assertThat(plugin.datastoreFactories()).isEmpty();
    assertThat(plugin.backupStrategyFactories()).isEmpty();
    assertThat(plugin.platformFactories()).isEmpty();
    assertThat(plugin.errorCodes()).isEmpty();
  }

  @Test
  void aStrategyServesEveryVersionOfItsDatastoresByDefault() {
    BackupStrategy strategy = new MinimalStrategy();
    DatastoreVersion version = new DatastoreVersion("16", "16.4");
    assertThat(strategy.serves("postgresql", version)).isTrue();
    assertThat(strategy.serves("redis", version)).isFalse();
    assertThat(strategy.incremental()).isFalse();
    assertThat(strategy.copiesFiles()).isFalse();
    assertThat(strategy.estimateBytes(null)).isEmpty();
  }

  private static final class MinimalStrategy implements BackupStrategy {
    @Override
    public String name() {
      return "minimal";
    }

    @Override
    public Set<String> datastores() {
      return Set.of("postgresql");
    }

    @Override
    public RestoreMode restoreMode() {
      return RestoreMode.LOGICAL;
    }

    @Override
    public BackupResult backup(BackupRequest request, OutputStream out) {
      return BackupResult.empty();
    }

    @Override
    public void restore(RestoreRequest request) {}
  }
}
