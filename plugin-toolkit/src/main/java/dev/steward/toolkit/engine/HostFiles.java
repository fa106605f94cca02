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

import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import java.nio.charset.StandardCharsets;

/**
 * The file chores of an engine's lifecycle and backup support on its {@link Host}: text files in
 * UTF-8, and a secret handed to an initializer in a file rather than on its command line. Called on
 * the operation worker's thread, like the host itself.
 */
public final class HostFiles {
  private HostFiles() {}

  /** Writes {@code text} as UTF-8 (atomically, mode 0600, owned by the service user). */
  public static void writeUtf8(Host host, HostDirectory directory, String name, String text) {
    requireNonNull(text, "text is null");
    host.writeFile(directory, name, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code content} to {@code CONFIG/fileName}, runs {@code command} (which reads the file)
   * to success, and deletes the file whether or not the command succeeded: how an initializer such
   * as {@code initdb} gets the administrator's password or bootstrap SQL.
   *
   * @throws dev.steward.spi.StewardException {@code COMMAND_FAILED} when the command fails
   */
  public static void runWithConfigFile(
      Host host, String fileName, String content, Command command) {
    requireNonNull(command, "command is null");
    writeUtf8(host, HostDirectory.CONFIG, fileName, content);
    try {
      host.run(command).requireSuccess();
    } finally {
      host.deleteFile(HostDirectory.CONFIG, fileName);
    }
  }
}
