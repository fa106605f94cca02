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
package dev.steward.backup.mongodump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.RestoreMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The commands and the config file the strategy builds, without MongoDB: Debian ships no mongod or
 * Database Tools, so this and the skipped round trip are all that runs on the development machines.
 */
class MongoCommandsTest {
  private static final Path CONFIG = Path.of("/i/config/mongodump-1.yaml");
  private static final MongoCommands.Connection CONNECTION =
      new MongoCommands.Connection("127.105.0.9", "27017", "steward_admin", "admin");

  @Test
  void dumpWritesOneArchiveToStdoutWithThePasswordOnlyInTheConfigFile() {
    assertThat(MongoCommands.dump(Path.of("mongodump"), CONFIG, CONNECTION))
        .containsExactly(
            "mongodump",
            "--config=/i/config/mongodump-1.yaml",
            "--host=127.105.0.9",
            "--port=27017",
            "--username=steward_admin",
            "--authenticationDatabase=admin",
            "--archive");
  }

  @Test
  void restoreReadsTheArchiveFromStdinAndDropsCollectionsFirst() {
    assertThat(MongoCommands.restore(Path.of("/opt/mongo/bin/mongorestore"), CONFIG, CONNECTION))
        .containsExactly(
            "/opt/mongo/bin/mongorestore",
            "--config=/i/config/mongodump-1.yaml",
            "--host=127.105.0.9",
            "--port=27017",
            "--username=steward_admin",
            "--authenticationDatabase=admin",
            "--archive",
            "--drop");
  }

  @Test
  void configFileQuotesAnyPassword() {
    assertThat(MongoCommands.configFile(Secret.of("plain"))).isEqualTo("password: \"plain\"\n");
    assertThat(MongoCommands.configFile(Secret.of("a\"b\\c\nd\te: #x")))
        .isEqualTo("password: \"a\\\"b\\\\c\\u000ad\\u0009e: #x\"\n");
  }

  @Test
  void connectionValuesAreChecked() {
    assertThatThrownBy(() -> new MongoCommands.Connection("h", "27017 --eval", "u", "admin"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(MongodumpErrorCode.TOOL_ENVIRONMENT_INVALID)).isTrue());
    assertThatThrownBy(() -> new MongoCommands.Connection("h", "1", "u\nv", "admin"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(MongodumpErrorCode.TOOL_ENVIRONMENT_INVALID)).isTrue());
  }

  @Test
  void configDefaultsArePinned() {
    PluginConfig empty = new PluginConfig("mongodump", Map.of());
    assertThat(MongodumpConfig.from(empty))
        .isEqualTo(
            new MongodumpConfig(
                Path.of("mongodump"),
                Path.of("mongorestore"),
                Duration.ofHours(6),
                Duration.ofHours(12)));
    PluginConfig set =
        new PluginConfig(
            "mongodump",
            Map.of(
                "mongodump", "/opt/m/mongodump",
                "mongorestore", "/opt/m/mongorestore",
                "timeout", "1h",
                "restore-timeout", "2h"));
    assertThat(MongodumpConfig.from(set))
        .isEqualTo(
            new MongodumpConfig(
                Path.of("/opt/m/mongodump"),
                Path.of("/opt/m/mongorestore"),
                Duration.ofHours(1),
                Duration.ofHours(2)));
    set.requireAllKnown();
    assertThatThrownBy(() ->
            new MongodumpStrategyFactory()
                .create(new PluginConfig("mongodump", Map.of("gzip", "true"))))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue());
  }

  @Test
  void strategyDeclaresItself() {
    MongodumpStrategy strategy =
        (MongodumpStrategy)
            new MongodumpStrategyFactory().create(new PluginConfig("mongodump", Map.of()));
    assertThat(strategy.name()).isEqualTo("mongodump");
    assertThat(strategy.restoreMode()).isEqualTo(RestoreMode.LOGICAL);
    assertThat(strategy.incremental()).isFalse();
    assertThat(strategy.datastores()).containsExactly("mongodb");
    assertThat(new MongodumpPlugin().errorCodes())
        .allSatisfy(
            code -> assertThat(code.toErrorCode().code()).isBetween(0x0008_5000, 0x0008_5FFF));
  }
}
