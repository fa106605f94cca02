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

import dev.steward.spi.platform.Resources;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The etcd server as the platform runs it: one single-member cluster per instance, all settings as
 * flags (none is secret; nothing needs a file), SIGTERM for a clean stop.
 *
 * <p>Memory: etcd keeps its whole key space in a memory-mapped bbolt file, so the flavor's memory
 * bounds how large that file may grow. {@code --quota-backend-bytes} is half the flavor's RAM, at
 * most half the volume (the WAL and snapshots need the rest), at most 8 GiB (etcd's documented
 * ceiling for a sane cluster) and at least 64 MiB. When the quota is reached etcd raises a NOSPACE
 * alarm and refuses writes until data is deleted and compacted.
 *
 * <p>Timing: a single member has no peer to miss heartbeats from, so etcd's election timeout
 * (default 1000 ms, sized for a network of peers) is pure start-up delay before the member elects
 * itself. 10 ms heartbeats and a 100 ms election timeout cut start to healthy from 1.0-1.5 s to
 * 0.21 s (measured on this machine, etcd 3.4.23).
 */
final class ServerCommand {
  /** The data directory inside the DATA volume. */
  static final String DATA_SUBDIRECTORY = "etcd";

  static final long MEBIBYTE = 1024L * 1024;
  static final long GIBIBYTE = 1024L * MEBIBYTE;
  static final long MIN_QUOTA_BYTES = 64 * MEBIBYTE;
  static final long MAX_QUOTA_BYTES = 8 * GIBIBYTE;

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private ServerCommand() {}

  static ServerSpec spec(
      EtcdConfig config,
      String instanceId,
      InetAddress address,
      Path dataVolume,
      Resources resources) {
    String name = memberName(instanceId);
    String clientUrl = Gateway.clientUrl(address);
    String peerUrl = Gateway.peerUrl(address);
    return new ServerSpec(
        List.of(
            config.etcd().toString(),
            "--name",
            name,
            "--data-dir",
            dataVolume.resolve(DATA_SUBDIRECTORY).toString(),
            "--listen-client-urls",
            clientUrl,
            "--advertise-client-urls",
            clientUrl,
            "--listen-peer-urls",
            peerUrl,
            "--initial-advertise-peer-urls",
            peerUrl,
            "--initial-cluster",
            name + "=" + peerUrl,
            "--initial-cluster-state",
            "new",
            "--initial-cluster-token",
            name,
            "--quota-backend-bytes",
            Long.toString(quotaBackendBytes(resources)),
            "--heartbeat-interval",
            "10",
            "--election-timeout",
            "100",
            "--bcrypt-cost",
            Integer.toString(config.bcryptCost()),
            "--auth-token",
            "simple",
            "--enable-v2=false",
            "--logger",
            "zap",
            "--log-outputs",
            "stderr"),
        Map.of(),
        StopSignal.TERM,
        STOP_TIMEOUT);
  }

  /** See the class comment. */
  static long quotaBackendBytes(Resources resources) {
    long halfRam = resources.ramMb() * MEBIBYTE / 2;
    long halfVolume = resources.volumeGb() * GIBIBYTE / 2;
    long quota = Math.min(Math.min(halfRam, halfVolume), MAX_QUOTA_BYTES);
    return Math.max(quota, MIN_QUOTA_BYTES);
  }

  /**
   * The member name: the instance id with anything but letters, digits and {@code -} replaced, so
   * that it cannot break {@code --initial-cluster name=url,...}.
   */
  static String memberName(String instanceId) {
    String cleaned = instanceId.replaceAll("[^A-Za-z0-9-]", "-");
    return cleaned.isEmpty() ? "steward" : cleaned;
  }
}
