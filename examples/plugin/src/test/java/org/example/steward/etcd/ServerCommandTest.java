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
package org.example.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.platform.Resources;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerCommandTest {
  private static final long MIB = 1024L * 1024;

  @Test
  void quotaIsHalfTheRamBoundedByVolumeAndEtcdsCeiling() {
    assertThat(ServerCommand.quotaBackendBytes(new Resources(512, 1, 1))).isEqualTo(256 * MIB);
    assertThat(ServerCommand.quotaBackendBytes(new Resources(2048, 2, 10))).isEqualTo(1024 * MIB);
    assertThat(ServerCommand.quotaBackendBytes(new Resources(4096, 2, 2)))
        .as("half of a 2 GB volume")
        .isEqualTo(1024 * MIB);
    assertThat(ServerCommand.quotaBackendBytes(new Resources(65_536, 8, 100)))
        .as("etcd's 8 GiB ceiling")
        .isEqualTo(8192 * MIB);
    assertThat(ServerCommand.quotaBackendBytes(new Resources(64, 1, 1)))
        .as("floor")
        .isEqualTo(64 * MIB);
  }

  @Test
  void specRunsOneMemberClusterOnTheInstanceAddress() throws Exception {
    EtcdConfig config =
        EtcdConfig.from(new PluginConfig("etcd", Map.of("bcrypt-cost", "6", "bin-dir", "/b")));
    ServerSpec spec =
        ServerCommand.spec(
            config,
            "inst-1",
            InetAddress.getByName("127.89.0.7"),
            Path.of("/i/data"),
            new Resources(1024, 1, 5));
    assertThat(spec.arguments())
        .containsExactly(
            "/b/etcd",
            "--name",
            "inst-1",
            "--data-dir",
            "/i/data/etcd",
            "--listen-client-urls",
            "http://127.89.0.7:2379",
            "--advertise-client-urls",
            "http://127.89.0.7:2379",
            "--listen-peer-urls",
            "http://127.89.0.7:2380",
            "--initial-advertise-peer-urls",
            "http://127.89.0.7:2380",
            "--initial-cluster",
            "inst-1=http://127.89.0.7:2380",
            "--initial-cluster-state",
            "new",
            "--initial-cluster-token",
            "inst-1",
            "--quota-backend-bytes",
            Long.toString(512 * MIB),
            "--heartbeat-interval",
            "10",
            "--election-timeout",
            "100",
            "--bcrypt-cost",
            "6",
            "--auth-token",
            "simple",
            "--enable-v2=false",
            "--logger",
            "zap",
            "--log-outputs",
            "stderr");
    assertThat(spec.environment()).isEmpty();
    assertThat(spec.stopSignal()).isEqualTo(StopSignal.TERM);
  }

  @Test
  void memberNamesCannotBreakTheClusterList() {
    assertThat(ServerCommand.memberName("a,b=c d")).isEqualTo("a-b-c-d");
    assertThat(ServerCommand.memberName("")).isEqualTo("steward");
  }

  @Test
  void ipv6AddressesAreBracketed() throws Exception {
    assertThat(Gateway.clientUrl(InetAddress.getByName("::1")))
        .isEqualTo("http://[0:0:0:0:0:0:0:1]:2379");
    assertThat(Gateway.peerUrl(InetAddress.getByName("127.0.0.9")))
        .isEqualTo("http://127.0.0.9:2380");
    assertThat(List.of(Gateway.CLIENT_PORT, Gateway.PEER_PORT)).containsExactly(2379, 2380);
  }
}
