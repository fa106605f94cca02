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

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * The loopback addresses below a prefix such as {@code 127.77}, handed out from {@code .0.2}
 * upwards (never {@code .0.0}, {@code .0.1} nor the all-ones address), so the lowest free one is
 * reused first.
 */
record AddressPool(String prefix) {
  AddressPool {
    requireNonNull(prefix, "prefix is null");
  }

  Optional<InetAddress> firstFree(Set<InetAddress> used) {
    String[] octets = prefix.split("\\.");
    int freeOctets = 4 - octets.length;
    int last = (1 << (8 * freeOctets)) - 2;
    for (int index = 2; index <= last; index++) {
      byte[] bytes = new byte[4];
      for (int position = 0; position < octets.length; position++) {
        bytes[position] = (byte) Integer.parseInt(octets[position]);
      }
      for (int position = 3; position >= octets.length; position--) {
        bytes[position] = (byte) (index >> (8 * (3 - position)));
      }
      InetAddress candidate = address(bytes);
      if (!used.contains(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }
}
