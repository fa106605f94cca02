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
package dev.steward.spi.platform;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A command started with {@link Host#start}: its standard output is a stream the caller reads (a
 * backup tool's output), its standard input a stream the caller writes (a restore tool's input).
 * Standard error is captured, bounded, for the result's message.
 *
 * <p>The caller owns it on one thread: read {@link #stdout()} to its end or write and close {@link
 * #stdin()}, then {@link #await()}; {@link #close()} kills the process (and its group) when it is
 * still running, so a failed caller never leaves a tool behind.
 */
public interface RunningCommand extends AutoCloseable {
  /** The process's standard output (not buffered by the platform beyond a pipe). */
  InputStream stdout();

  /** The process's standard input; close it to signal the end of the input. */
  OutputStream stdin();

  /**
   * Waits for the process to exit (within the command's timeout, else it is killed and TIMEOUT is
   * thrown) and returns its exit code and captured standard error; {@code stdout} is empty.
   */
  CommandResult await();

  /** Kills the process when it still runs; idempotent. */
  @Override
  void close();
}
