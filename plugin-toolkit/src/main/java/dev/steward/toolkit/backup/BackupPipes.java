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
package dev.steward.toolkit.backup;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies between a tool's pipes and core's streams in fixed-size blocks (never the whole stream in
 * memory), telling apart who failed: the tool, core's backup stream, or the restore input. For
 * strategies: {@link #toBackup} in {@code BackupStrategy.backup}, {@link #toTool} and {@link
 * #drain} in {@code restore}.
 */
public final class BackupPipes {
  public static final int BLOCK_SIZE = 64 * 1024;

  private BackupPipes() {}

  /** Copies a backup tool's standard output to core's stream; returns the byte count. */
  public static long toBackup(InputStream toolOutput, OutputStream backup, String program) {
    byte[] block = new byte[BLOCK_SIZE];
    long total = 0;
    while (true) {
      int read;
      try {
        read = toolOutput.read(block);
      } catch (IOException e) {
        throw new StewardException(
            StandardErrorCode.COMMAND_FAILED, "Reading the output of " + program + " failed", e);
      }
      if (read < 0) {
        return total;
      }
      try {
        backup.write(block, 0, read);
      } catch (IOException e) {
        throw new StewardException(
            StandardErrorCode.PLATFORM_FAILURE, "Writing the backup stream failed: " + e, e);
      }
      total += read;
    }
  }

  /**
   * Feeds the restore input to a tool's standard input and closes it. Returns false when the tool
   * closed its input early (it exited); the caller then judges its exit code and drains the rest
   * with {@link #drain}, so that every byte of the backup is still read and verified.
   */
  public static boolean toTool(InputStream restore, OutputStream toolInput) {
    byte[] block = new byte[BLOCK_SIZE];
    try (OutputStream input = toolInput) {
      while (true) {
        int read = readRestore(restore, block);
        if (read < 0) {
          return true;
        }
        try {
          input.write(block, 0, read);
        } catch (IOException e) {
          return false;
        }
      }
    } catch (IOException e) {
      return false; // closing a pipe whose reader is gone
    }
  }

  /** Reads the restore input to its end, discarding it; returns the byte count. */
  public static long drain(InputStream restore) {
    byte[] block = new byte[BLOCK_SIZE];
    long total = 0;
    for (int read = readRestore(restore, block); read >= 0; read = readRestore(restore, block)) {
      total += read;
    }
    return total;
  }

  private static int readRestore(InputStream restore, byte[] block) {
    try {
      return restore.read(block);
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Reading the backup stream failed: " + e, e);
    }
  }
}
