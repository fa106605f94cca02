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
package dev.steward.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.toolkit.engine.VersionOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Asks a server binary for its version ({@code --version}) and decides whether it is the wanted
 * family member. The file name proves nothing: Debian's {@code /usr/sbin/mysqld} is a symbolic link
 * to {@code mariadbd}. Runs once, in the factory's {@code create}, and in tests that decide whether
 * a member's suite can run.
 */
public final class InstalledServer {
  private InstalledServer() {}

  /**
   * What was found at a path.
   *
   * @param version the offered version, empty when the binary is absent, another member or too old
   * @param explanation why (for logs and skipped tests)
   */
  public record Detection(Optional<DatastoreVersion> version, String explanation) {
    public Detection {
      requireNonNull(version, "version is null");
      requireNonNull(explanation, "explanation is null");
    }

    public List<DatastoreVersion> versions() {
      return version.stream().toList();
    }
  }

  public static Detection detect(Distribution distribution, Path serverProgram) {
    if (!Files.isExecutable(serverProgram)) {
      return new Detection(
          Optional.empty(),
          "no " + distribution.displayName() + " server binary at " + serverProgram);
    }
    String output = versionOutput(serverProgram);
    String firstLine = output.strip().lines().findFirst().orElse("");
    Optional<String> number = distribution.versionNumber(output);
    if (number.isEmpty()) {
      return new Detection(
          Optional.empty(),
          serverProgram
              + " is not "
              + distribution.displayName()
              + " (its --version says: "
              + firstLine
              + ")");
    }
    if (!distribution.supports(number.get())) {
      return new Detection(
          Optional.empty(),
          distribution.displayName() + " " + number.get() + " at " + serverProgram + " is too old");
    }
    return new Detection(
        Optional.of(new DatastoreVersion(Distribution.versionName(number.get()), number.get())),
        distribution.displayName() + " " + number.get() + " at " + serverProgram);
  }

  private static String versionOutput(Path server) {
    return VersionOutput.of(server, MysqlFamilyErrorCode.INSTALLATION_INVALID);
  }
}
