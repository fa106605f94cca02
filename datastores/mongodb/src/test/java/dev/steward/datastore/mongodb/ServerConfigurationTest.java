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
package dev.steward.datastore.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.mongodb.ServerConfiguration.Mode;
import dev.steward.datastore.mongodb.ServerConfiguration.Settings;
import dev.steward.spi.StewardException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigurationTest {
  private static final Settings SETTINGS =
      new Settings("127.88.0.5", Path.of("/srv/i/abc/data"), Path.of("/srv/i/abc/run"), 2048, 1000);

  @Test
  void commandLineIsTheConfigFileOnly() {
    assertThat(
            ServerConfiguration.arguments(
                Path.of("/usr/bin/mongod"), Path.of("/srv/i/abc/config/mongod.conf")))
        .containsExactly("/usr/bin/mongod", "--config", "/srv/i/abc/config/mongod.conf");
  }

  @Test
  void serverConfigurationIsPinned() {
    assertThat(ServerConfiguration.yaml(SETTINGS, Mode.SERVE))
        .isEqualTo(
            """
            # Written by Steward at prepare; edits are lost when it is written again.
            net:
              bindIp: "127.88.0.5"
              port: 27017
              ipv6: false
              maxIncomingConnections: 1000
              unixDomainSocket:
                enabled: true
                pathPrefix: "/srv/i/abc/run"
                filePermissions: 448  # 0700
            storage:
              dbPath: "/srv/i/abc/data"
              wiredTiger:
                engineConfig:
                  cacheSizeGB: 0.5
            security:
              authorization: enabled
            setParameter:
              enableLocalhostAuthBypass: false
            processManagement:
              fork: false
            """);
  }

  @Test
  void bootstrapDiffersOnlyByTheLocalhostException() {
    String serve = ServerConfiguration.yaml(SETTINGS, Mode.SERVE);
    String bootstrap = ServerConfiguration.yaml(SETTINGS, Mode.BOOTSTRAP);
    assertThat(bootstrap)
        .contains("  enableLocalhostAuthBypass: true\n")
        .contains("# Bootstrap run: creates Steward's administrator, then stops.\n")
        .contains("  authorization: enabled\n");
    assertThat(
            bootstrap
                .replace("# Bootstrap run: creates Steward's administrator, then stops.\n", "")
                .replace("enableLocalhostAuthBypass: true", "enableLocalhostAuthBypass: false"))
        .isEqualTo(serve);
  }

  @Test
  void configurationHoldsNoSecretAndNoLogPath() {
    String yaml = ServerConfiguration.yaml(SETTINGS, Mode.SERVE);
    assertThat(yaml).doesNotContainIgnoringCase("password").doesNotContain("pwd");
    assertThat(yaml).doesNotContain("systemLog");
    assertThat(yaml).doesNotContain("keyFile");
  }

  @Test
  void cacheFollowsWiredTigersRuleOnTheFlavorsMemory() {
    // 50 % of (RAM - 1 GB), at least 0.25 GB, rounded down to 0.01 GB.
    assertThat(ServerConfiguration.cacheSizeGb(256).toPlainString()).isEqualTo("0.25");
    assertThat(ServerConfiguration.cacheSizeGb(512).toPlainString()).isEqualTo("0.25");
    assertThat(ServerConfiguration.cacheSizeGb(1024).toPlainString()).isEqualTo("0.25");
    assertThat(ServerConfiguration.cacheSizeGb(1536).toPlainString()).isEqualTo("0.25");
    assertThat(ServerConfiguration.cacheSizeGb(1600).toPlainString()).isEqualTo("0.28");
    assertThat(ServerConfiguration.cacheSizeGb(2048).toPlainString()).isEqualTo("0.5");
    assertThat(ServerConfiguration.cacheSizeGb(3000).toPlainString()).isEqualTo("0.96");
    assertThat(ServerConfiguration.cacheSizeGb(4096).toPlainString()).isEqualTo("1.5");
    assertThat(ServerConfiguration.cacheSizeGb(16_384).toPlainString()).isEqualTo("7.5");
    assertThat(ServerConfiguration.cacheSizeGb(65_536).toPlainString()).isEqualTo("31.5");
  }

  @Test
  void flavorMemoryReachesTheFile() {
    Settings large = new Settings("127.88.0.9", Path.of("/d"), Path.of("/r"), 4096, 50);
    assertThat(ServerConfiguration.yaml(large, Mode.SERVE))
        .contains("      cacheSizeGB: 1.5\n")
        .contains("  maxIncomingConnections: 50\n");
  }

  @Test
  void socketLivesInTheRunDirectory() {
    assertThat(ServerConfiguration.socketPath(Path.of("/srv/i/abc/run")))
        .isEqualTo(Path.of("/srv/i/abc/run/mongodb-27017.sock"));
  }

  @Test
  void valuesAreQuotedAndControlCharactersRefused() {
    assertThat(ServerConfiguration.quoted("/a \"b\"\\c")).isEqualTo("\"/a \\\"b\\\"\\\\c\"");
    assertThatThrownBy(() -> ServerConfiguration.quoted("/a\nsecurity: {}"))
        .isInstanceOf(StewardException.class);
  }
}
