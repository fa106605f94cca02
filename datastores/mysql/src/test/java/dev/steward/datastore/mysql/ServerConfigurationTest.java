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
package dev.steward.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardException;
import dev.steward.toolkit.mysql.OptionFile;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigurationTest {
  private static final ServerConfiguration.Paths PATHS =
      new ServerConfiguration.Paths(
          "/i/data/db", "/i/run/mysqld.sock", "/i/run/mysqld.pid", "/i/log/error.log", "/i/tmp");

  @Test
  void flavorMemoryMapsToTheBufferPool() {
    assertThat(ServerConfiguration.bufferPoolMegabytes(2048, 50)).isEqualTo(1024);
    assertThat(ServerConfiguration.bufferPoolMegabytes(16_384, 75)).isEqualTo(12_288);
    assertThat(ServerConfiguration.bufferPoolMegabytes(256, 5)).as("floor").isEqualTo(32);
  }

  @Test
  void serverIdFollowsTheAddress() throws Exception {
    assertThat(ServerConfiguration.serverId(InetAddress.getByName("127.86.0.5")))
        .isEqualTo((127L << 24) + (86L << 16) + 5);
    assertThat(ServerConfiguration.serverId(InetAddress.getByName("0.0.0.0"))).isEqualTo(1);
  }

  @Test
  void mariadbOptionFileHoldsEverySetting() throws Exception {
    String conf = myCnf(new MariadbDistribution(), 4096);
    assertThat(conf)
        .contains("[client]\nsocket=/i/run/mysqld.sock\nport=3306\n")
        .contains("\n[mariadbd]\n")
        .contains("datadir=/i/data/db")
        .contains("bind-address=127.86.0.5")
        .contains("pid-file=/i/run/mysqld.pid")
        .contains("log-error=/i/log/error.log")
        .contains("tmpdir=/i/tmp")
        .contains("secure_file_priv=/i/tmp")
        .contains("skip-name-resolve")
        .contains("local_infile=0")
        .contains("max_connections=151")
        .contains("innodb_buffer_pool_size=2048M")
        .contains("log_bin=binlog")
        .contains("binlog_format=ROW")
        .contains("general_log=0")
        .contains("slow_query_log=0")
        .contains("character_set_server=utf8mb4")
        .contains("gtid_strict_mode=1")
        .doesNotContain("password")
        .doesNotContain("user=");
  }

  @Test
  void mysqlOptionFileTurnsTheXProtocolOff() throws Exception {
    String conf = myCnf(new MysqlDistribution(), 1024);
    assertThat(conf)
        .contains("\n[mysqld]\n")
        .contains("mysqlx=OFF")
        .contains("gtid_mode=ON")
        .contains("enforce_gtid_consistency=ON")
        .contains("innodb_buffer_pool_size=512M")
        .doesNotContain("gtid_strict_mode");
  }

  @Test
  void refusesLineBreaksInValues() {
    assertThatThrownBy(() -> OptionFile.create().option("tmpdir", "/x\n[client]\nuser=root"))
        .isInstanceOf(StewardException.class);
    assertThatThrownBy(() -> OptionFile.create().option("tmpdir", "/x # comment"))
        .isInstanceOf(StewardException.class);
  }

  private static String myCnf(Distribution distribution, int ramMb) throws Exception {
    MysqlFamilyConfig config =
        MysqlFamilyConfig.from(new PluginConfig(distribution.name(), Map.of()), distribution);
    return ServerConfiguration.myCnf(
        distribution, config, InetAddress.getByName("127.86.0.5"), PATHS, ramMb);
  }
}
