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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;

/**
 * The outcome of {@link Host#run(Command)}. Output is captured up to a bounded size (the tail is
 * kept); judge a tool by its exit code and structured output, never by scraping its log text.
 */
public record CommandResult(String program, int exitCode, String stdout, String stderr) {
  public CommandResult {
    requireNonNull(program, "program is null");
    requireNonNull(stdout, "stdout is null");
    requireNonNull(stderr, "stderr is null");
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /**
   * Returns this result when the exit code is zero, else throws {@link
   * StandardErrorCode#COMMAND_FAILED} with the program, the exit code and the end of stderr.
   */
  public CommandResult requireSuccess() {
    if (exitCode != 0) {
      String tail = stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr;
      throw new StewardException(
          StandardErrorCode.COMMAND_FAILED,
          program + " failed with exit code " + exitCode + ": " + tail.strip());
    }
    return this;
  }
}
