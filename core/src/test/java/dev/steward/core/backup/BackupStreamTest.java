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
package dev.steward.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.fakes.DirectoryObjectStore;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup stream without an engine: what goes in comes out bit for bit, and every kind of damage
 * to the stored chunks or the key is refused with its coded error, never wrong bytes.
 */
class BackupStreamTest {
  private static final int CHUNK = 64 * 1024;
  private static final String ID = "3f1b2c3d-0000-4000-8000-000000000001";

  @TempDir Path directory;
  private DirectoryObjectStore store;
  private FileKeyProvider keys;
  private final ObjectMapper mapper = new ObjectMapper();

  @BeforeEach
  void setUp() {
    store = new DirectoryObjectStore(directory.resolve("objects"));
    keys = new FileKeyProvider(directory.resolve("master.key"));
  }

  /** 6 MB of half-compressible data: text runs and random bytes, deterministic. */
  private static byte[] data(int size) {
    Random random = new Random(42);
    byte[] data = new byte[size];
    for (int i = 0; i < size; i += 1024) {
      if ((i / 1024) % 2 == 0) {
        byte[] noise = new byte[Math.min(1024, size - i)];
        random.nextBytes(noise);
        System.arraycopy(noise, 0, data, i, noise.length);
      } else {
        for (int j = i; j < Math.min(size, i + 1024); j++) {
          data[j] = (byte) ('a' + (j % 26));
        }
      }
    }
    return data;
  }

  private Manifest backUp(byte[] content) throws IOException {
    byte[] dataKey = new byte[32];
    byte[] prefix = new byte[4];
    new SecureRandom().nextBytes(dataKey);
    new SecureRandom().nextBytes(prefix);
    KeyProvider.WrappedKey wrapped = keys.wrap(dataKey);
    List<Long> progress = new ArrayList<>();
    BackupWriter writer =
        new BackupWriter(store, ID, new ChunkCipher(dataKey, prefix, ID), CHUNK, 1, progress::add);
    for (int i = 0; i < content.length; i += 10_000) {
      writer.write(content, i, Math.min(10_000, content.length - i));
    }
    writer.close();
    assertThat(progress).hasSize(content.length == 0 ? 0 : progress.size()).isSorted();
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT,
            ID,
            "test",
            "ds",
            "v1",
            "1.0",
            null,
            "zstd",
            CHUNK,
            writer.chunks(),
            writer.streamBytes(),
            writer.storedBytes(),
            new Manifest.Encryption(
                "AES-256-GCM",
                wrapped.provider(),
                wrapped.keyId(),
                wrapped.wrapped(),
                Base64.getEncoder().encodeToString(prefix)),
            Map.of("k", "v"),
            0,
            null);
    manifest.write(store, mapper);
    return Manifest.read(store, mapper, ID);
  }

  private byte[] restore(Manifest manifest, FileKeyProvider with) throws IOException {
    byte[] key = with.unwrap(ID, manifest.wrappedKey());
    try (InputStream input = new BackupReader(store, manifest, key)) {
      return input.readAllBytes();
    }
  }

  private static String sha(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void whatGoesInComesOutThroughCompressedEncryptedChunks() throws Exception {
    byte[] content = data(6 * 1024 * 1024);
    Manifest manifest = backUp(content);
    assertThat(manifest.chunks()).hasSizeGreaterThan(10);
    assertThat(manifest.storedBytes()).isLessThan(content.length);
    assertThat(manifest.streamBytes()).isEqualTo(content.length);
    assertThat(manifest.metadata()).containsEntry("k", "v");
    // no plaintext run of the input is visible in a stored chunk
    byte[] chunk = Files.readAllBytes(store.path(Backups.chunkKey(ID, 1)));
    assertThat(new String(chunk, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("abcdefghijklmnop");
    assertThat(sha(restore(manifest, keys))).isEqualTo(sha(content));
  }

  @Test
  void anEmptyStreamRoundTrips() throws Exception {
    Manifest manifest = backUp(new byte[0]);
    assertThat(manifest.chunks()).hasSize(1);
    assertThat(restore(manifest, keys)).isEmpty();
  }

  @Test
  void aFlippedByteIsRefused() throws Exception {
    Manifest manifest = backUp(data(1024 * 1024));
    try (RandomAccessFile file =
        new RandomAccessFile(store.path(Backups.chunkKey(ID, 3)).toFile(), "rw")) {
      file.seek(100);
      int b = file.read();
      file.seek(100);
      file.write(b ^ 0x01);
    }
    assertFails(StandardErrorCode.BACKUP_CORRUPT, "chunk 3 fails its SHA-256", manifest);
  }

  @Test
  void aTruncatedChunkIsRefused() throws Exception {
    Manifest manifest = backUp(data(1024 * 1024));
    Path chunk = store.path(Backups.chunkKey(ID, 2));
    byte[] bytes = Files.readAllBytes(chunk);
    Files.write(chunk, java.util.Arrays.copyOf(bytes, bytes.length - 7));
    assertFails(StandardErrorCode.BACKUP_CORRUPT, "chunk 2 has", manifest);
  }

  @Test
  void aMissingChunkIsRefused() throws Exception {
    Manifest manifest = backUp(data(1024 * 1024));
    Files.delete(store.path(Backups.chunkKey(ID, 4)));
    assertFails(StandardErrorCode.BACKUP_CORRUPT, "chunk 4 is missing", manifest);
  }

  @Test
  void aManifestCutShortIsRefused() throws Exception {
    Manifest full = backUp(data(1024 * 1024));
    Manifest cut =
        new Manifest(
            full.format(),
            full.backupId(),
            full.strategy(),
            full.datastore(),
            full.datastoreVersion(),
            full.engineVersion(),
            null,
            full.compression(),
            full.chunkSize(),
            full.chunks().subList(0, full.chunks().size() - 1),
            full.streamBytes(),
            full.storedBytes(),
            full.encryption(),
            full.metadata(),
            0,
            null);
    assertFails(StandardErrorCode.BACKUP_CORRUPT, "fails authentication", cut);
  }

  @Test
  void swappedChunksAreRefused() throws Exception {
    Manifest manifest = backUp(data(1024 * 1024));
    Path one = store.path(Backups.chunkKey(ID, 1));
    Path two = store.path(Backups.chunkKey(ID, 2));
    Path spare = directory.resolve("spare");
    Files.move(one, spare);
    Files.move(two, one);
    Files.move(spare, two);
    List<Manifest.Chunk> chunks = new ArrayList<>(manifest.chunks());
    Manifest.Chunk first = chunks.get(1);
    Manifest.Chunk second = chunks.get(2);
    chunks.set(1, new Manifest.Chunk(1, second.size(), second.sha256()));
    chunks.set(2, new Manifest.Chunk(2, first.size(), first.sha256()));
    Manifest edited =
        new Manifest(
            manifest.format(),
            ID,
            manifest.strategy(),
            manifest.datastore(),
            manifest.datastoreVersion(),
            manifest.engineVersion(),
            null,
            manifest.compression(),
            manifest.chunkSize(),
            chunks,
            manifest.streamBytes(),
            manifest.storedBytes(),
            manifest.encryption(),
            manifest.metadata(),
            0,
            null);
    assertFails(StandardErrorCode.BACKUP_CORRUPT, "chunk 1 fails authentication", edited);
  }

  @Test
  void anotherMasterKeyIsRefusedNamingBothKeys() throws Exception {
    Manifest manifest = backUp(data(256 * 1024));
    FileKeyProvider other = new FileKeyProvider(directory.resolve("other.key"));
    assertThatThrownBy(() -> restore(manifest, other))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.BACKUP_KEY_INVALID)).isTrue())
        .hasMessageContaining(keys.wrap(new byte[32]).keyId());
  }

  @Test
  void anAlteredManifestFailsItsMac() throws Exception {
    Manifest written = backUp(data(1024));
    byte[] key = keys.unwrap(ID, written.wrappedKey());
    Manifest sealed = written.sealed(key, mapper);
    sealed.verify(key, mapper);
    Manifest altered =
        new Manifest(
            sealed.format(),
            ID,
            sealed.strategy(),
            sealed.datastore(),
            sealed.datastoreVersion(),
            sealed.engineVersion(),
            "another-parent",
            sealed.compression(),
            sealed.chunkSize(),
            sealed.chunks(),
            sealed.streamBytes(),
            sealed.storedBytes(),
            sealed.encryption(),
            Map.of("to_lsn", "1"),
            0,
            sealed.mac());
    assertThatThrownBy(() -> altered.verify(key, mapper))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.BACKUP_CORRUPT)).isTrue())
        .hasMessageContaining("fails its MAC");
  }

  @Test
  void aMissingManifestIsRefused() throws Exception {
    backUp(data(1024));
    store.delete(Backups.manifestKey(ID));
    assertThatThrownBy(() -> Manifest.read(store, mapper, ID))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.BACKUP_CORRUPT)).isTrue())
        .hasMessageContaining("manifest is missing");
  }

  private void assertFails(ErrorCodeSupplier code, String message, Manifest manifest) {
    assertThatThrownBy(() -> restore(manifest, keys))
        .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.is(code)).isTrue())
        .hasMessageContaining(message);
  }
}
