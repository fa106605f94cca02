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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the last {@code limit} bytes of a stream (a ring buffer); read on one thread. */
final class OutputTail {
  private final byte[] ring;
  private long written;

  OutputTail(int limit) {
    this.ring = new byte[limit];
  }

  /** Reads {@code input} to its end (or until it fails), keeping the tail. */
  void drain(InputStream input) {
    byte[] chunk = new byte[8192];
    try (input) {
      int count;
      while ((count = input.read(chunk)) >= 0) {
        append(chunk, count);
      }
    } catch (IOException e) {
      // The stream was closed under us (process killed); what was read is kept.
    }
  }

  private synchronized void append(byte[] chunk, int count) {
    for (int index = 0; index < count; index++) {
      ring[(int) ((written + index) % ring.length)] = chunk[index];
    }
    written += count;
  }

  synchronized String text() {
    int size = (int) Math.min(written, ring.length);
    byte[] bytes = new byte[size];
    long start = written - size;
    for (int index = 0; index < size; index++) {
      bytes[index] = ring[(int) ((start + index) % ring.length)];
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
