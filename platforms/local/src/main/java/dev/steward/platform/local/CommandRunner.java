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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.RunningCommand;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Command}s to completion for a host: argument list (never a shell), the minimal {@link
 * ProcessEnvironment} plus the command's, stdin fed and stdout/stderr drained on virtual threads,
 * output bounded to its last {@link #OUTPUT_LIMIT} bytes, the whole process tree killed on timeout.
 * The secret environment and stdin are never logged. Thread-safe.
 */
final class CommandRunner {
  static final int OUTPUT_LIMIT = 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(CommandRunner.class.getName());
  private static final long OUTPUT_GRACE_MILLIS = 5_000;

  private final ServiceUser serviceUser;

  CommandRunner(ServiceUser serviceUser) {
    this.serviceUser = requireNonNull(serviceUser, "serviceUser is null");
  }

  CommandResult run(String instanceId, Path workingDirectory, Command command) {
    ProcessBuilder builder = processBuilder(workingDirectory, command);
    if (command.stdin().isEmpty()) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    LOG.log(Level.DEBUG, "Instance {0}: running {1}", instanceId, builder.command());
    Process process = launch(builder);
    command.stdin().ifPresent(input -> feed(process, input));
    OutputTail stdout = new OutputTail(OUTPUT_LIMIT);
    OutputTail stderr = new OutputTail(OUTPUT_LIMIT);
    Thread stdoutReader = Thread.ofVirtual().start(() -> stdout.drain(process.getInputStream()));
    Thread stderrReader = Thread.ofVirtual().start(() -> stderr.drain(process.getErrorStream()));
    try {
      if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        Programs.killTree(process.toHandle());
        throw new StewardException(
            StandardErrorCode.TIMEOUT,
            command.program() + " did not finish within " + command.timeout() + " and was killed");
      }
      // A background grandchild may keep the pipes open forever: wait a little, not forever.
      long deadline = System.currentTimeMillis() + OUTPUT_GRACE_MILLIS;
      stdoutReader.join(Math.max(1, deadline - System.currentTimeMillis()));
      stderrReader.join(Math.max(1, deadline - System.currentTimeMillis()));
    } catch (InterruptedException e) {
      Programs.killTree(process.toHandle());
      Thread.currentThread().interrupt();
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Interrupted while running " + command.program(), e);
    }
    return new CommandResult(command.program(), process.exitValue(), stdout.text(), stderr.text());
  }

  /**
   * Starts a command with piped standard input and output for the caller (see {@link
   * RunningCommand}); standard error is drained, bounded, on a virtual thread. The command's
   * timeout runs from the start.
   */
  RunningCommand start(String instanceId, Path workingDirectory, Command command) {
    ProcessBuilder builder = processBuilder(workingDirectory, command);
    LOG.log(Level.DEBUG, "Instance {0}: starting {1}", instanceId, builder.command());
    Process process = launch(builder);
    long deadline = System.nanoTime() + command.timeout().toNanos();
    OutputTail stderr = new OutputTail(OUTPUT_LIMIT);
    Thread stderrReader = Thread.ofVirtual().start(() -> stderr.drain(process.getErrorStream()));
    // The timeout holds while the caller is still streaming, not only in await(): a tool that hangs
    // mid-stream is killed, which ends the caller's read or write with an error.
    Thread.ofVirtual()
        .start(() -> {
          try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
              LOG.log(
                  Level.WARNING,
                  "Instance {0}: {1} ran past its timeout {2}; killing it",
                  instanceId,
                  command.program(),
                  command.timeout());
              Programs.killTree(process.toHandle());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return new RunningCommand() {
      @Override
      public InputStream stdout() {
        return process.getInputStream();
      }

      @Override
      public OutputStream stdin() {
        return process.getOutputStream();
      }

      @Override
      public CommandResult await() {
        try {
          process.getOutputStream().close();
        } catch (IOException e) {
          // already closed by the caller or by the exited process
        }
        try {
          long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
          if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
            Programs.killTree(process.toHandle());
            throw new StewardException(
                StandardErrorCode.TIMEOUT,
                command.program()
                    + " did not finish within "
                    + command.timeout()
                    + " and was killed");
          }
          stderrReader.join(OUTPUT_GRACE_MILLIS);
        } catch (InterruptedException e) {
          Programs.killTree(process.toHandle());
          Thread.currentThread().interrupt();
          throw new StewardException(
              StandardErrorCode.PLATFORM_FAILURE,
              "Interrupted while running " + command.program(),
              e);
        }
        return new CommandResult(command.program(), process.exitValue(), "", stderr.text());
      }

      @Override
      public void close() {
        if (process.isAlive()) {
          Programs.killTree(process.toHandle());
        }
        try {
          process.getInputStream().close();
          process.getOutputStream().close();
        } catch (IOException e) {
          // the process is gone; nothing more to release
        }
      }
    };
  }

  private List<String> commandLine(Command command, Optional<String> path, Path workingDirectory) {
    List<String> arguments = new ArrayList<>(command.arguments());
    Path program =
        Programs.resolve(
            serviceUser, command.serviceUser(), command.program(), path, workingDirectory);
    arguments.set(0, program.toString());
    if (command.serviceUser()) {
      return serviceUser.wrap(arguments);
    }
    return arguments;
  }

  private static void feed(Process process, byte[] input) {
    Thread.ofVirtual()
        .start(() -> {
          try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input);
          } catch (IOException e) {
            // The program exited or closed its input without reading everything.
          }
        });
  }

  /** The command's argument list, environment (secrets only here) and working directory. */
  private ProcessBuilder processBuilder(Path workingDirectory, Command command) {
    ProcessBuilder builder = new ProcessBuilder();
    Map<String, String> environment = builder.environment();
    ProcessEnvironment.reset(environment, new InstanceLayout(workingDirectory));
    environment.putAll(command.environment());
    command.secretEnvironment().forEach((name, secret) -> environment.put(name, secret.reveal()));
    builder.command(
        commandLine(command, Optional.ofNullable(environment.get("PATH")), workingDirectory));
    builder.directory(workingDirectory.toFile());
    return builder;
  }

  private static Process launch(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw Programs.notFound(builder.command().getFirst());
    }
  }
}
