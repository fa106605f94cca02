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
package dev.steward.datastore.mongodb;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.toolkit.engine.VersionOutput;
import java.io.File;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the configured {@code mongod} and asks it for its version ({@code mongod --version}). Runs
 * once, in the factory's {@code create}, on the machine where the module runs.
 *
 * @param mongod the absolute path of the server program
 * @param version the version it reports: name {@code major.minor} (MongoDB's release series, such
 *     as {@code 7.0}), number the full version (such as {@code 7.0.14})
 */
record InstalledVersion(Path mongod, DatastoreVersion version) {
  private static final Pattern VERSION_OUTPUT =
      Pattern.compile("db version v([0-9]+)\\.([0-9]+)((?:\\.[0-9]+)?(?:-[0-9A-Za-z.]+)?)");
  private static final System.Logger LOG = System.getLogger(InstalledVersion.class.getName());

  InstalledVersion {
    requireNonNull(mongod, "mongod is null");
    requireNonNull(version, "version is null");
  }

  /**
   * The installed server, or empty when {@code mongod} is a bare name not found on {@code PATH}. An
   * absolute path that is not an executable fails with {@code CONFIGURATION_INVALID}; a program
   * that does not answer {@code --version} as mongod does fails with {@code INSTALLATION_INVALID}.
   */
  static Optional<InstalledVersion> detect(MongodbConfig config) {
    Optional<Path> program = locate(config.mongod(), System.getenv("PATH"));
    if (program.isEmpty()) {
      if (config.mongod().startsWith("/")) {
        throw new StewardException(
            StandardErrorCode.CONFIGURATION_INVALID,
            "Configuration property mongodb.mongod: " + config.mongod() + " is not an executable");
      }
      LOG.log(
          Level.WARNING,
          "No {0} on PATH: the mongodb datastore offers no version until one is installed"
              + " (or mongodb.mongod names one)",
          config.mongod());
      return Optional.empty();
    }
    String output = versionOutput(program.get());
    String number =
        parseVersionOutput(output)
            .orElseThrow(() -> installationInvalid(program.get(), "unexpected --version output"));
    return Optional.of(new InstalledVersion(program.get(), version(number)));
  }

  /** An absolute path as it is (when executable), a bare name searched in {@code path}. */
  static Optional<Path> locate(String program, String path) {
    if (program.startsWith("/")) {
      Path absolute = Path.of(program);
      return Files.isRegularFile(absolute) && Files.isExecutable(absolute)
          ? Optional.of(absolute)
          : Optional.empty();
    }
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty() || !directory.startsWith("/")) {
        continue;
      }
      Path candidate = Path.of(directory).resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses {@code db version v7.0.14} (first line of {@code mongod --version}) to {@code 7.0.14}.
   */
  static Optional<String> parseVersionOutput(String output) {
    Matcher matcher = VERSION_OUTPUT.matcher(output);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1) + "." + matcher.group(2) + matcher.group(3));
  }

  /** The datastore version of a full number: name {@code major.minor}, number as given. */
  static DatastoreVersion version(String number) {
    Matcher matcher = VERSION_OUTPUT.matcher("db version v" + number);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a MongoDB version number: " + number);
    }
    return new DatastoreVersion(matcher.group(1) + "." + matcher.group(2), number);
  }

  private static String versionOutput(Path mongod) {
    return VersionOutput.of(mongod, MongodbErrorCode.INSTALLATION_INVALID);
  }

  private static StewardException installationInvalid(Path mongod, String problem) {
    return VersionOutput.invalid(MongodbErrorCode.INSTALLATION_INVALID, mongod, problem);
  }
}
