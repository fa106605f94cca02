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
package dev.steward.datastore.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.postgresql.ServerConfiguration.Memory;
import dev.steward.spi.StewardException;
import org.junit.jupiter.api.Test;

class ServerConfigurationTest {
  @Test
  void memoryFollowsRam() {
    Memory small = Memory.forRam(1024, 100);
    assertThat(small.sharedBuffersKb()).isEqualTo(256 * 1024);
    assertThat(small.effectiveCacheSizeKb()).isEqualTo(768 * 1024);
    assertThat(small.maintenanceWorkMemKb()).isEqualTo(64 * 1024);
    // (1024 - 256) MB spread over a third of 100 connections.
    assertThat(small.workMemKb()).isEqualTo(768 * 1024 / 300);

    Memory large = Memory.forRam(65_536, 100);
    assertThat(large.sharedBuffersKb()).isEqualTo(16L * 1024 * 1024);
    assertThat(large.effectiveCacheSizeKb()).isEqualTo(48L * 1024 * 1024);
    assertThat(large.maintenanceWorkMemKb()).as("capped at 1 GB").isEqualTo(1024 * 1024);
    assertThat(large.workMemKb()).isEqualTo(48L * 1024 * 1024 / 300);
  }

  @Test
  void memoryHasFloorsAndCaps() {
    Memory tiny = Memory.forRam(32, 100);
    assertThat(tiny.sharedBuffersKb()).isEqualTo(16 * 1024);
    assertThat(tiny.effectiveCacheSizeKb()).isGreaterThanOrEqualTo(tiny.sharedBuffersKb());
    assertThat(tiny.maintenanceWorkMemKb()).isEqualTo(2 * 1024);
    assertThat(tiny.workMemKb()).isEqualTo(256);

    Memory huge = Memory.forRam(1024 * 1024, 5);
    assertThat(huge.workMemKb()).isEqualTo(256 * 1024);
  }

  @Test
  void stewardConfHoldsEverySetting() {
    String conf = ServerConfiguration.stewardConf("127.79.0.5", "/tmp/i/run", 2048, 100);
    assertThat(conf)
        .contains("listen_addresses = '127.79.0.5'")
        .contains("port = 5432")
        .contains("unix_socket_directories = '/tmp/i/run'")
        .contains("max_connections = 100")
        .contains("shared_buffers = 524288kB")
        .contains("effective_cache_size = 1572864kB")
        .contains("maintenance_work_mem = 131072kB")
        .contains("password_encryption = 'scram-sha-256'")
        .contains("log_min_error_statement = panic")
        .contains("log_statement = 'none'")
        .contains("log_destination = 'stderr'")
        .contains("logging_collector = off");
  }

  @Test
  void includeIsAppendedOnce() {
    String once = ServerConfiguration.withInclude("max_connections = 100");
    assertThat(once).endsWith("include 'steward.conf'\n").startsWith("max_connections = 100\n");
    assertThat(ServerConfiguration.withInclude(once)).isEqualTo(once);
  }

  @Test
  void hbaAllowsOnlyScram() {
    for (String line : ServerConfiguration.hbaConf().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        assertThat(line).endsWith("scram-sha-256");
      }
    }
    assertThat(ServerConfiguration.hbaConf()).doesNotContain("trust").doesNotContain("md5");
  }

  @Test
  void quotesConfigurationStrings() {
    assertThat(ServerConfiguration.confString("a'b\\c")).isEqualTo("'a''b\\\\c'");
    assertThatThrownBy(() -> ServerConfiguration.confString("a\nlisten_addresses='*'"))
        .isInstanceOf(StewardException.class);
  }
}
