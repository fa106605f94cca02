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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for allocating addresses under a base directory, between threads and between
 * control-plane processes sharing the directory: a JVM lock plus an OS lock on {@code .lock}.
 */
final class BaseDirectoryLock implements AutoCloseable {
  // OS file locks belong to the whole process: two threads (or two platforms) of one JVM locking
  // the same file get OverlappingFileLockException instead of waiting. One JVM-wide lock in front
  // serializes them; allocation takes milliseconds, so one lock for all base directories is enough.
  private static final ReentrantLock JVM_WIDE = new ReentrantLock();

  static final String FILE_NAME = ".lock";

  private final FileChannel channel;
  private final FileLock fileLock;

  private BaseDirectoryLock(FileChannel channel, FileLock fileLock) {
    this.channel = channel;
    this.fileLock = fileLock;
  }

  static BaseDirectoryLock acquire(Path baseDirectory) throws IOException {
    JVM_WIDE.lock();
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              baseDirectory.resolve(FILE_NAME),
              EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(SafeFiles.OWNER_READ_WRITE));
      return new BaseDirectoryLock(channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      JVM_WIDE.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
      channel.close();
    } finally {
      JVM_WIDE.unlock();
    }
  }
}
