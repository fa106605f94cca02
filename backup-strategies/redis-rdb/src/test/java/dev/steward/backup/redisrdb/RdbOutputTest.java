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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RdbOutputTest {
  private static final byte[] MARK =
      "cad3e9c1e451063219d3c0ef463782962c0e80c9".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theEofMarkAfterTheChecksumIsDroppedWhateverTheWriteSizes() throws IOException {
    byte[] rdb = rdb(5000);
    byte[] withMark = Arrays.copyOf(rdb, rdb.length + MARK.length);
    System.arraycopy(MARK, 0, withMark, rdb.length, MARK.length);
    for (int chunk : new int[] {1, 7, 48, 49, 50, 4096, 100_000}) {
      assertThat(copy(withMark, chunk)).as("chunks of " + chunk).isEqualTo(rdb);
      assertThat(copy(rdb, chunk)).as("no mark, chunks of " + chunk).isEqualTo(rdb);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbOutput output = new RdbOutput(out);
    output.write(withMark);
    assertThat(output.finish()).isEqualTo(new RdbOutput.Result(rdb.length, "0010"));
  }

  @Test
  void aStreamThatIsNoRdbIsRefused() {
    byte[] noHeader = rdb(100);
    noHeader[0] = 'X';
    assertInvalid(noHeader, "no REDIS header");
    byte[] noEnd = rdb(100);
    noEnd[noEnd.length - 9] = 1;
    assertInvalid(noEnd, "does not end");
    assertInvalid(new byte[3], "no REDIS header");
  }

  @Test
  void configDefaultsArePinned() {
    assertThat(RedisRdbConfig.from(new PluginConfig("redis-rdb", Map.of())))
        .isEqualTo(new RedisRdbConfig(Duration.ofHours(6), Path.of("redis-cli")));
    assertThatThrownBy(
            () -> RedisRdbConfig.from(new PluginConfig("redis-rdb", Map.of("timeout", "soon"))))
        .hasMessageContaining("redis-rdb.timeout");
    assertThat(new RedisRdbPlugin().errorCodes())
        .allSatisfy(code -> assertThat(code.toErrorCode().code()).isBetween(0x8_2000, 0x8_2FFF));
    assertThat(new RedisRdbPlugin().backupStrategyFactories())
        .singleElement()
        .satisfies(factory -> assertThat(factory.name()).isEqualTo("redis-rdb"));
  }

  /** REDIS0010, random body, EOF opcode, 8 checksum bytes. */
  private static byte[] rdb(int body) {
    byte[] rdb = new byte[9 + body + 9];
    System.arraycopy("REDIS0010".getBytes(StandardCharsets.US_ASCII), 0, rdb, 0, 9);
    new Random(body).nextBytes(rdb);
    System.arraycopy("REDIS0010".getBytes(StandardCharsets.US_ASCII), 0, rdb, 0, 9);
    rdb[rdb.length - 9] = (byte) 0xFF;
    return rdb;
  }

  private static byte[] copy(byte[] input, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbOutput output = new RdbOutput(out);
    for (int offset = 0; offset < input.length; offset += chunk) {
      output.write(input, offset, Math.min(chunk, input.length - offset));
    }
    output.finish();
    return out.toByteArray();
  }

  private static void assertInvalid(byte[] input, String message) {
    assertThatThrownBy(() -> copy(input, 1000))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(RedisRdbErrorCode.RDB_INVALID)).isTrue())
        .hasMessageContaining(message);
  }
}
