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
package dev.steward.datastore.redis;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.toolkit.engine.VersionOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the installed {@code redis-server} for its version ({@code Redis server v=7.0.15 sha=...}).
 * The version's name is {@code major.minor} ({@code 7.0}), its number the full one ({@code
 * 7.0.15}). Runs once, in the factory's {@code create}, on the machine where the module runs. Redis
 * 6.0 is the minimum: Steward's internal administrator and its users are ACL users.
 */
final class InstalledVersion {
  static final int MINIMUM_MAJOR = 6;

  private static final Pattern VERSION_OUTPUT =
      Pattern.compile("\\bv=([0-9]+)\\.([0-9]+)\\.([0-9]+)\\b");

  private InstalledVersion() {}

  /** The one version the binary offers; {@code INSTALLATION_INVALID} when it cannot run. */
  static DatastoreVersion detect(Path serverBinary) {
    if (!Files.isRegularFile(serverBinary) || !Files.isExecutable(serverBinary)) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Configuration property redis.server-binary: "
              + serverBinary
              + " is not an executable file (install redis-server)");
    }
    String output = versionOutput(serverBinary);
    DatastoreVersion version =
        parseVersionOutput(output)
            .orElseThrow(() -> invalid(serverBinary, "unexpected --version output"));
    requireSupported(serverBinary, version);
    return version;
  }

  /** Parses {@code Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 ...}. */
  static Optional<DatastoreVersion> parseVersionOutput(String output) {
    Matcher matcher = VERSION_OUTPUT.matcher(output);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String name = matcher.group(1) + "." + matcher.group(2);
    return Optional.of(new DatastoreVersion(name, name + "." + matcher.group(3)));
  }

  static void requireSupported(Path serverBinary, DatastoreVersion version) {
    int major = Integer.parseInt(version.name().substring(0, version.name().indexOf('.')));
    if (major < MINIMUM_MAJOR) {
      throw invalid(
          serverBinary,
          "Redis "
              + version.number()
              + " has no ACL users; Redis "
              + MINIMUM_MAJOR
              + ".0 or newer"
              + " is required");
    }
  }

  private static String versionOutput(Path serverBinary) {
    return VersionOutput.of(serverBinary, RedisErrorCode.INSTALLATION_INVALID);
  }

  private static StewardException invalid(Path serverBinary, String problem) {
    return VersionOutput.invalid(RedisErrorCode.INSTALLATION_INVALID, serverBinary, problem);
  }
}
