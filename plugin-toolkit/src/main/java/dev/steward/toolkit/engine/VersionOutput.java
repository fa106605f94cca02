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
package dev.steward.toolkit.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs an installed server binary with {@code --version} and returns what it printed: how a
 * datastore factory finds the version it offers. Called by factories at {@code create}, on the
 * control plane's boot thread, before any instance exists; the binary runs as the control plane's
 * user, never as the service user, and gets no input.
 */
public final class VersionOutput {
  /** More than any engine prints for {@code --version}; the rest is not read. */
  static final int MAX_BYTES = 16_384;

  private static final long TIMEOUT_SECONDS = 30;

  private VersionOutput() {}

  /**
   * Standard output and error of {@code <program> --version}.
   *
   * @param invalid the engine's code for "the installed binary cannot report its version"
   * @throws StewardException {@code invalid} when it cannot run, exits non-zero or hangs 30 s
   */
  public static String of(Path program, ErrorCodeSupplier invalid) {
    requireNonNull(program, "program is null");
    requireNonNull(invalid, "invalid is null");
    try {
      Process process =
          new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output;
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw invalid(invalid, program, "did not answer --version in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw invalid(invalid, program, "--version exited with " + process.exitValue());
      }
      return output;
    } catch (IOException e) {
      throw invalid(invalid, program, "cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw invalid(invalid, program, "interrupted");
    }
  }

  /** The failure {@link #of} throws, for a caller's own checks of the same binary. */
  public static StewardException invalid(ErrorCodeSupplier code, Path program, String problem) {
    return new StewardException(code, program + ": " + problem);
  }
}
