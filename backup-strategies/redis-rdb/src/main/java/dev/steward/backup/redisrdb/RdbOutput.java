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
package dev.steward.backup.redisrdb;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StewardException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes {@code redis-cli --rdb -} output on to core's stream, holding back its last {@value #HELD}
 * bytes until {@link #finish}: when the server streams a diskless sync, redis-cli (7.0) writes the
 * 40-byte EOF mark after the RDB to standard output and cannot truncate a pipe. An RDB ends with
 * the EOF opcode {@code 0xFF} and an 8-byte checksum, and the mark is 40 hex digits, so the end
 * tells the two apart without doubt. Checks the {@code REDIS} header on the way.
 */
final class RdbOutput extends OutputStream {
  static final int MARK = 40;
  static final int CHECKSUM = 8;
  static final int HELD = MARK + CHECKSUM + 1;
  static final byte[] HEADER = "REDIS".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_LENGTH = 9;

  private final OutputStream out;
  private final byte[] held = new byte[HELD];
  private final byte[] header = new byte[HEADER_LENGTH];
  private int heldCount;
  private long total;

  RdbOutput(OutputStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    for (int index = 0; index < length && total + index < HEADER_LENGTH; index++) {
      header[(int) total + index] = bytes[offset + index];
    }
    total += length;
    if (length >= HELD) {
      out.write(held, 0, heldCount);
      out.write(bytes, offset, length - HELD);
      System.arraycopy(bytes, offset + length - HELD, held, 0, HELD);
      heldCount = HELD;
      return;
    }
    int excess = heldCount + length - HELD;
    if (excess > 0) {
      out.write(held, 0, excess);
      System.arraycopy(held, excess, held, 0, heldCount - excess);
      heldCount -= excess;
    }
    System.arraycopy(bytes, offset, held, heldCount, length);
    heldCount += length;
  }

  /**
   * Writes what is held back, without the EOF mark if there is one; returns the RDB's size and its
   * format version (the digits of {@code REDIS0010}).
   */
  Result finish() throws IOException {
    if (total < HEADER_LENGTH || !startsWithHeader()) {
      throw invalid("the stream has no REDIS header");
    }
    int keep;
    if (heldCount >= CHECKSUM + 1 && (held[heldCount - CHECKSUM - 1] & 0xFF) == 0xFF) {
      keep = heldCount;
    } else if (heldCount == HELD && (held[0] & 0xFF) == 0xFF && hexMark()) {
      keep = heldCount - MARK;
    } else {
      throw invalid("the stream does not end with an RDB end marker and checksum");
    }
    out.write(held, 0, keep);
    long size = total - (heldCount - keep);
    return new Result(
        size,
        new String(
            header, HEADER.length, HEADER_LENGTH - HEADER.length, StandardCharsets.US_ASCII));
  }

  /** The RDB's size in bytes and format version. */
  record Result(long bytes, String rdbVersion) {}

  private boolean startsWithHeader() {
    for (int index = 0; index < HEADER.length; index++) {
      if (header[index] != HEADER[index]) {
        return false;
      }
    }
    return true;
  }

  private boolean hexMark() {
    for (int index = heldCount - MARK; index < heldCount; index++) {
      byte b = held[index];
      if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static StewardException invalid(String problem) {
    return new StewardException(RedisRdbErrorCode.RDB_INVALID, "Not an RDB file: " + problem);
  }
}
