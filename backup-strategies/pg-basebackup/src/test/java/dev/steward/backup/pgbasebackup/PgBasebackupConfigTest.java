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
package dev.steward.backup.pgbasebackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.backup.RestoreMode;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PgBasebackupConfigTest {
  @Test
  void defaultsArePinned() {
    PgBasebackupConfig config =
        PgBasebackupConfig.from(new PluginConfig("pg_basebackup", Map.of()));
    assertThat(config.timeout()).isEqualTo(Duration.ofHours(6));
    assertThat(config.checkpoint()).isEqualTo("fast");
  }

  @Test
  void readsAndValidatesKeys() {
    PgBasebackupConfig config =
        PgBasebackupConfig.from(
            new PluginConfig("pg_basebackup", Map.of("timeout", "30m", "checkpoint", "spread")));
    assertThat(config).isEqualTo(new PgBasebackupConfig(Duration.ofMinutes(30), "spread"));
    assertThatThrownBy(() ->
            PgBasebackupConfig.from(
                new PluginConfig("pg_basebackup", Map.of("checkpoint", "slow"))))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue())
        .hasMessageContaining("pg_basebackup.checkpoint");
    assertThatThrownBy(() ->
            PgBasebackupConfig.from(new PluginConfig("pg_basebackup", Map.of("timeout", "0s"))))
        .hasMessageContaining("pg_basebackup.timeout");
  }

  @Test
  void pluginIsRegisteredWithItsFactoryAndCodes() {
    StewardPlugin plugin =
        ServiceLoader.load(StewardPlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(PgBasebackupPlugin.class::isInstance)
            .findFirst()
            .orElseThrow();
    assertThat(plugin.backupStrategyFactories())
        .singleElement()
        .satisfies(factory -> {
          assertThat(factory.name()).isEqualTo("pg_basebackup");
          assertThat(factory.create(new PluginConfig("pg_basebackup", Map.of())).restoreMode())
              .isEqualTo(RestoreMode.PHYSICAL);
        });
    assertThat(plugin.errorCodes())
        .allSatisfy(code -> assertThat(code.toErrorCode().code()).isBetween(0x8_1000, 0x8_1FFF));
  }

  @Test
  void walPositionsAreReadFromVerboseOutput() {
    String stderr =
        "pg_basebackup: initiating base backup, waiting for checkpoint to complete\n"
            + "pg_basebackup: checkpoint completed\n"
            + "pg_basebackup: write-ahead log start point: 0/2000028 on timeline 1\n"
            + "pg_basebackup: write-ahead log end point: 0/2000100\n"
            + "pg_basebackup: base backup completed\n";
    assertThat(PgBasebackupStrategy.metadata(stderr))
        .containsEntry("start-lsn", "0/2000028")
        .containsEntry("timeline", "1")
        .containsEntry("end-lsn", "0/2000100");
    assertThat(PgBasebackupStrategy.metadata("")).containsOnlyKeys("format");
  }
}
