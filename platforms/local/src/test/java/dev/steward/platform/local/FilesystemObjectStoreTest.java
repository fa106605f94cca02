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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemObjectStoreTest {
  @TempDir Path temporary;

  @Test
  void roundTripOverwriteAndDelete() throws IOException {
    FilesystemObjectStore store = new FilesystemObjectStore(temporary.resolve("objects"));

    store.put("backups/b1/manifest.json", stream("first"));
    store.put("backups/b1/manifest.json", stream("second version"));

    try (InputStream input = store.get("backups/b1/manifest.json")) {
      assertThat(new String(input.readAllBytes(), UTF_8)).isEqualTo("second version");
    }
    assertThat(store.size("backups/b1/manifest.json")).isEqualTo(OptionalLong.of(14));
    assertThat(store.size("backups/b1/missing")).isEmpty();

    store.delete("backups/b1/manifest.json");
    store.delete("backups/b1/manifest.json");

    assertThat(store.size("backups/b1/manifest.json")).isEmpty();
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void streamsLargeObjectsWithoutLeavingTemporaryFiles() throws IOException {
    FilesystemObjectStore store = new FilesystemObjectStore(temporary.resolve("objects"));
    long size = 64L * 1024 * 1024;

    store.put("chunks/big", new ZeroStream(size));

    assertThat(store.size("chunks/big")).isEqualTo(OptionalLong.of(size));
    try (Stream<Path> files = Files.list(temporary.resolve("objects/chunks"))) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("big");
    }
  }

  @Test
  void aFailingSourceLeavesNoObject() {
    FilesystemObjectStore store = new FilesystemObjectStore(temporary.resolve("objects"));
    InputStream failing =
        new InputStream() {
          private int left = 10_000;

          @Override
          public int read() throws IOException {
            if (left <= 0) {
              throw new IOException("source broke");
            }
            left--;
            return 'x';
          }
        };

    assertThatThrownBy(() -> store.put("partial", failing)).isInstanceOf(StewardException.class);

    assertThat(store.size("partial")).isEmpty();
    assertThat(store.list("")).isEmpty();
    assertThat(temporary.resolve("objects")).isEmptyDirectory();
  }

  @Test
  void missingKeyIsNotFound() {
    FilesystemObjectStore store = new FilesystemObjectStore(temporary.resolve("objects"));

    assertThatThrownBy(() -> store.get("nothing/here"))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.NOT_FOUND)).isTrue());
  }

  @Test
  void badKeysAreInvalidArguments() {
    FilesystemObjectStore store = new FilesystemObjectStore(temporary.resolve("objects"));

    for (String key :
        List.of(
            "",
            "/absolute",
            "../escape",
            "a/../../b",
            "a//b",
            "trailing/",
            "space key",
            "tilde~",
            "a/./b")) {
      assertThatThrownBy(() -> store.put(key, stream("x")))
          .as("put %s", key)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
      assertThatThrownBy(() -> store.get(key))
          .as("get %s", key)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
    }
    assertThatThrownBy(() -> store.list("../"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
  }

  @Test
  void listsByPrefixSorted() {
    FilesystemObjectStore store = new FilesystemObjectStore(temporary.resolve("objects"));
    for (String key : List.of("b/2", "a/x/1", "b/10", "b/1", "bb/1", "top", "b/sub/deep.chunk")) {
      store.put(key, stream(key));
    }

    assertThat(store.list(""))
        .containsExactly("a/x/1", "b/1", "b/10", "b/2", "b/sub/deep.chunk", "bb/1", "top");
    assertThat(store.list("b/")).containsExactly("b/1", "b/10", "b/2", "b/sub/deep.chunk");
    assertThat(store.list("b")).containsExactly("b/1", "b/10", "b/2", "b/sub/deep.chunk", "bb/1");
    assertThat(store.list("b/1")).containsExactly("b/1", "b/10");
    assertThat(store.list("missing/")).isEmpty();
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(UTF_8));
  }

  /** A long stream of zeros that never exists in memory at once. */
  private static final class ZeroStream extends InputStream {
    private long left;

    ZeroStream(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (left <= 0) {
        return -1;
      }
      int count = (int) Math.min(length, left);
      Arrays.fill(buffer, offset, offset + count, (byte) 0);
      left -= count;
      return count;
    }
  }
}
