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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Runs a backup tool whose standard output is the backup stream, or a restore tool whose standard
 * input is the restore stream, in the one way every piping strategy does: start it on the host,
 * copy in fixed-size blocks ({@link BackupPipes}), then judge the tool by its exit code. The tool
 * is killed when the caller fails half way (the running command is closed). Secrets travel as the
 * command carries them (secret environment, option file), never as arguments.
 *
 * <p>Called by strategies on the operation's worker thread, inside {@code BackupStrategy.backup}
 * and {@code restore}.
 */
public final class ToolPipe {
  private ToolPipe() {}

  /** What a backup tool produced: the bytes it wrote and its result (exit code, standard error). */
  public record Output(long bytes, CommandResult result) {
    public Output {
      requireNonNull(result, "result is null");
    }
  }

  /**
   * What to do when a restore tool exited successfully before it read all of its input: read the
   * rest so that every byte of the backup is still verified ({@link #DRAIN}), or fail ({@link
   * #fail}).
   */
  @FunctionalInterface
  public interface EarlyExit {
    /** Drains the rest of the input; the tool's extra bytes (padding) do not matter. */
    EarlyExit DRAIN = BackupPipes::drain;

    void handle(InputStream rest);

    /** Fails with the code and message (which names the tool and the backup, no secret). */
    static EarlyExit fail(ErrorCodeSupplier code, String message) {
      requireNonNull(code, "code is null");
      requireNonNull(message, "message is null");
      return rest -> {
        throw new StewardException(code, message);
      };
    }
  }

  /**
   * Starts {@code command}, copies its standard output to {@code out} (without closing it) and
   * requires its success; COMMAND_FAILED with the tool's message when it fails.
   */
  public static Output toBackup(Host host, Command command, OutputStream out) {
    requireNonNull(out, "out is null");
    try (RunningCommand running = host.start(command)) {
      long bytes;
      try (InputStream output = running.stdout()) {
        bytes = BackupPipes.toBackup(output, out, command.program());
      } catch (IOException e) {
        throw new StewardException(
            StandardErrorCode.COMMAND_FAILED,
            "Closing the output of " + command.program() + " failed",
            e);
      }
      return new Output(bytes, running.await().requireSuccess());
    }
  }

  /**
   * Starts {@code command} and feeds it {@code in} (not closing {@code in}); the tool's exit code
   * is judged first, then {@code earlyExit} decides about input the tool did not read.
   */
  public static void fromRestore(Host host, Command command, InputStream in, EarlyExit earlyExit) {
    requireNonNull(in, "in is null");
    requireNonNull(earlyExit, "earlyExit is null");
    try (RunningCommand running = host.start(command)) {
      boolean complete = BackupPipes.toTool(in, running.stdin());
      running.await().requireSuccess();
      if (!complete) {
        earlyExit.handle(in);
      }
    }
  }

  /** As {@link #fromRestore(Host, Command, InputStream, EarlyExit)} with a part's whole stream. */
  public static void fromRestore(
      Host host, Command command, RestorePart part, EarlyExit earlyExit) {
    try (InputStream in = part.open()) {
      fromRestore(host, command, in, earlyExit);
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE,
          "Closing backup " + part.backupId() + " failed: " + e.getMessage(),
          e);
    }
  }
}
