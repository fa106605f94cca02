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
package dev.steward.platform.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Addresses on which some process of this machine listens (TCP) or is bound (UDP), read from {@code
 * /proc/net}. The base directory's metadata only knows this platform's own hosts; this keeps a new
 * host off an address another Steward installation (or anything else) already serves on, such as a
 * second base directory configured with the same address prefix.
 */
final class LoopbackSockets {
  private static final String TCP_LISTEN = "0A";

  private LoopbackSockets() {}

  static Set<InetAddress> boundAddresses() {
    Set<InetAddress> addresses = new HashSet<>();
    read(Path.of("/proc/net/tcp"), true, addresses);
    read(Path.of("/proc/net/tcp6"), true, addresses);
    read(Path.of("/proc/net/udp"), false, addresses);
    read(Path.of("/proc/net/udp6"), false, addresses);
    return addresses;
  }

  private static void read(Path table, boolean listeningOnly, Set<InetAddress> addresses) {
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      return;
    }
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      // "  sl  local_address rem_address   st ...": local_address is "0100007F:1F90".
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 4 || (listeningOnly && !fields[3].equals(TCP_LISTEN))) {
        continue;
      }
      int colon = fields[1].indexOf(':');
      if (colon != 8 && colon != 32) {
        continue;
      }
      // The kernel prints the network-order address as host-order 32-bit words.
      ByteBuffer bytes = ByteBuffer.allocate(colon / 2).order(ByteOrder.nativeOrder());
      for (int word = 0; word < colon; word += 8) {
        bytes.putInt((int) Long.parseLong(fields[1].substring(word, word + 8), 16));
      }
      try {
        // An IPv4-mapped IPv6 address (a dual-stack Java socket) becomes an Inet4Address.
        addresses.add(InetAddress.getByAddress(bytes.array()));
      } catch (UnknownHostException e) {
        throw new IllegalStateException("four bytes are always an address", e);
      }
    }
  }
}
