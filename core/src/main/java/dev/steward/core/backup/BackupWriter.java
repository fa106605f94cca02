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

import com.github.luben.zstd.ZstdOutputStream;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.ObjectStore;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The backup pipeline as the stream a strategy writes to: counted (progress) → zstd → fixed-size
 * chunks → a second thread encrypts each (AES-256-GCM), hashes it (SHA-256) and stores it, so
 * compression overlaps encryption and upload, and both overlap the tool. At most {@link #QUEUED}
 * full chunks wait between the threads: memory is bounded by about (QUEUED + 3) × chunk size
 * whatever the backup's size, and nothing is written to a temporary file.
 *
 * <p>A chunk is sent only when more data follows or at {@link #close}, so the last chunk is known
 * and marked in its authenticated data. A failure of the storing thread surfaces at the next write
 * or at close; {@link #abort} stops it without storing more.
 */
final class BackupWriter extends OutputStream {
  static final int QUEUED = 2;

  private final ObjectStore store;
  private final String backupId;
  private final ChunkCipher cipher;
  private final int chunkSize;
  private final LongConsumer progress;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED);
  private final List<Manifest.Chunk> stored = new ArrayList<>();
  private final AtomicLong storedBytes = new AtomicLong();
  private final OutputStream compressor;
  private final Thread uploader;
  private volatile RuntimeException failure;
  private long streamBytes;
  private byte[] buffer;
  private int filled;
  private int nextIndex;
  private boolean closed;

  private record Chunk(int index, boolean last, byte[] data, int length) {}

  BackupWriter(
      ObjectStore store,
      String backupId,
      ChunkCipher cipher,
      int chunkSize,
      int level,
      LongConsumer progress) {
    this.store = requireNonNull(store, "store is null");
    this.backupId = requireNonNull(backupId, "backupId is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
    this.chunkSize = chunkSize;
    this.progress = requireNonNull(progress, "progress is null");
    this.buffer = new byte[chunkSize];
    this.uploader = Thread.ofPlatform().name("backup-store-" + backupId).start(this::storeChunks);
    try {
      // Whole blocks for zstd: one JNI call per 256 KiB, not per small write of the tool's pipe.
      this.compressor =
          new BufferedOutputStream(new ZstdOutputStream(new Chunker(), level), 256 * 1024);
    } catch (IOException e) {
      throw new StewardException(StandardErrorCode.INTERNAL_ERROR, "zstd cannot start", e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    checkFailure();
    compressor.write(data, offset, length);
    streamBytes += length;
    progress.accept(streamBytes);
  }

  long streamBytes() {
    return streamBytes;
  }

  long storedBytes() {
    return storedBytes.get();
  }

  /** The stored chunks, in order; complete after {@link #close} returned. */
  List<Manifest.Chunk> chunks() {
    synchronized (stored) {
      return List.copyOf(stored);
    }
  }

  /** Flushes the compressor, stores the last chunk and waits until every chunk is stored. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    compressor.close();
    enqueue(new Chunk(nextIndex++, true, buffer, filled));
    buffer = null;
    try {
      uploader.join();
    } catch (InterruptedException e) {
      abort();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while storing backup " + backupId);
    }
    checkFailure();
  }

  /** Stops storing (after a failure of the tool); what was stored is the caller's to remove. */
  void abort() {
    closed = true;
    uploader.interrupt();
    try {
      uploader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void storeChunks() {
    try {
      while (true) {
        Chunk chunk = queue.take();
        byte[] sealed = cipher.encrypt(chunk.index(), chunk.last(), chunk.data(), chunk.length());
        String sha256 = ChunkCipher.sha256(sealed);
        store.put(Backups.chunkKey(backupId, chunk.index()), new ByteArrayInputStream(sealed));
        storedBytes.addAndGet(sealed.length);
        synchronized (stored) {
          stored.add(new Manifest.Chunk(chunk.index(), sealed.length, sha256));
        }
        if (chunk.last()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      failure = new StewardException(StandardErrorCode.INTERNAL_ERROR, "Backup storing stopped");
    } catch (RuntimeException e) {
      failure = e;
      queue.clear();
    } catch (Throwable e) {
      // An Error (out of memory): report it to the writing thread instead of leaving it waiting.
      failure =
          new StewardException(
              StandardErrorCode.INTERNAL_ERROR, "Backup storing failed: " + e.getClass().getName());
      queue.clear();
    }
  }

  private void checkFailure() {
    RuntimeException failed = failure;
    if (failed != null) {
      throw failed;
    }
  }

  private void enqueue(Chunk chunk) throws IOException {
    try {
      while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
        checkFailure();
        if (!uploader.isAlive()) {
          throw new StewardException(
              StandardErrorCode.INTERNAL_ERROR, "Backup storing stopped for " + backupId);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while storing backup " + backupId);
    }
  }

  /** Collects compressed bytes into chunk-size buffers, sending a full one when more follows. */
  private final class Chunker extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
      while (length > 0) {
        if (filled == chunkSize) {
          enqueue(new Chunk(nextIndex++, false, buffer, filled));
          buffer = new byte[chunkSize];
          filled = 0;
        }
        int n = Math.min(length, chunkSize - filled);
        System.arraycopy(data, offset, buffer, filled, n);
        filled += n;
        offset += n;
        length -= n;
      }
    }
  }
}
