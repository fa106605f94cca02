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

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.ZstdInputStream;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A backup's original stream, read back from its chunks: each chunk is fetched (the next one ahead,
 * on a virtual thread), its size and SHA-256 checked against the manifest, decrypted and
 * authenticated, then decompressed. A missing, truncated, altered or misplaced chunk throws
 * BACKUP_CORRUPT from {@code read} — no byte of a bad chunk is ever returned — and the first such
 * failure is kept in {@link #failure()} even if a caller wraps it.
 */
final class BackupReader extends InputStream {
  private final ObjectStore store;
  private final Manifest manifest;
  private final ChunkCipher cipher;
  private final InputStream decompressed;
  private final Plain plain = new Plain();
  private volatile StewardException failure;
  private CompletableFuture<byte[]> next;
  private int nextIndex;
  private byte[] current = new byte[0];
  private int position;

  BackupReader(ObjectStore store, Manifest manifest, byte[] dataKey) {
    this.store = requireNonNull(store, "store is null");
    this.manifest = requireNonNull(manifest, "manifest is null");
    this.cipher =
        new ChunkCipher(
            dataKey,
            Base64.getDecoder().decode(manifest.encryption().noncePrefix()),
            manifest.backupId());
    this.next = fetch(0);
    try {
      this.decompressed = new ZstdInputStream(plain);
    } catch (IOException e) {
      throw new StewardException(StandardErrorCode.INTERNAL_ERROR, "zstd cannot start", e);
    }
  }

  /** The first integrity failure seen, if any. */
  Optional<StewardException> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public int read() throws IOException {
    return readByte(this);
  }

  /** One byte of {@code in} through its array read, or -1 at its end. */
  private static int readByte(InputStream in) throws IOException {
    byte[] one = new byte[1];
    int n = in.read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    try {
      return decompressed.read(target, offset, length);
    } catch (StewardException e) {
      throw remember(e);
    } catch (StoreReadFailure e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE,
          "Reading backup "
              + manifest.backupId()
              + " from the object store failed: "
              + e.getMessage(),
          e);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      if (failure != null) {
        throw failure;
      }
      // zstd found the decrypted stream malformed: authenticated, so written so by the tool side
      throw remember(Backups.corrupt(manifest.backupId(), "its compressed stream is malformed"));
    }
  }

  String backupId() {
    return manifest.backupId();
  }

  /**
   * Authenticates the chunks the consumer left unread (it may stop before trailing padding, and may
   * have closed the stream; on a fresh reader: every chunk): they are read and checked (presence,
   * size, SHA-256, authentication with their position and the last flag) below decompression, so
   * what a restore reads is exactly what was written. Returns the bytes read.
   */
  long drainRest() throws IOException {
    byte[] sink = new byte[1 << 16];
    long total = 0;
    int n;
    try {
      while ((n = plain.read(sink, 0, sink.length)) >= 0) {
        total += n;
      }
    } catch (StewardException e) {
      throw remember(e);
    }
    return total;
  }

  /** The object store could not be read: a platform failure, not damage to the backup. */
  static final class StoreReadFailure extends IOException {
    private static final long serialVersionUID = 1L;

    StoreReadFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public void close() throws IOException {
    // The chunk prefetched ahead (at most one) is left to finish: drainRest may still need it.
    decompressed.close();
  }

  private StewardException remember(StewardException e) {
    if (failure == null && e.is(StandardErrorCode.BACKUP_CORRUPT)) {
      failure = e;
    }
    return e;
  }

  private CompletableFuture<byte[]> fetch(int index) {
    CompletableFuture<byte[]> future = new CompletableFuture<>();
    if (index >= manifest.chunks().size()) {
      future.complete(null);
      return future;
    }
    Thread.ofVirtual()
        .start(() -> {
          try {
            future.complete(verifiedChunk(index));
          } catch (RuntimeException e) {
            future.completeExceptionally(e);
          }
        });
    return future;
  }

  private byte[] verifiedChunk(int index) {
    Manifest.Chunk chunk = manifest.chunks().get(index);
    String key = Backups.chunkKey(manifest.backupId(), index);
    if (store.size(key).isEmpty()) {
      throw Backups.corrupt(manifest.backupId(), "chunk " + index + " is missing");
    }
    byte[] sealed;
    try (InputStream input = store.get(key)) {
      sealed = input.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, chunk.size() + 1));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read chunk " + index, e);
    }
    if (sealed.length != chunk.size()) {
      throw Backups.corrupt(
          manifest.backupId(),
          "chunk " + index + " has " + sealed.length + " bytes, its manifest says " + chunk.size());
    }
    if (!ChunkCipher.sha256(sealed).equals(chunk.sha256())) {
      throw Backups.corrupt(manifest.backupId(), "chunk " + index + " fails its SHA-256");
    }
    boolean last = index == manifest.chunks().size() - 1;
    return cipher.decrypt(manifest.backupId(), index, last, sealed);
  }

  /** The decrypted, verified chunks as one stream (zstd's input). */
  private final class Plain extends InputStream {
    @Override
    public int read() throws IOException {
      return readByte(this);
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      while (position == current.length) {
        byte[] fetched;
        try {
          fetched = next.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof StewardException steward) {
            throw remember(steward);
          }
          throw new StoreReadFailure(
              "Cannot read backup " + manifest.backupId() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(
              "Interrupted while reading backup " + manifest.backupId());
        }
        if (fetched == null) {
          return -1;
        }
        nextIndex++;
        next = fetch(nextIndex);
        current = fetched;
        position = 0;
      }
      int n = Math.min(length, current.length - position);
      System.arraycopy(current, position, target, offset, n);
      position += n;
      return n;
    }
  }
}
