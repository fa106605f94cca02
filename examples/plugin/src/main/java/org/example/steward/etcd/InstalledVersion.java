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
package org.example.steward.etcd;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.toolkit.engine.VersionOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the installed {@code etcd} for its version ({@code etcd --version}). Runs once, in the
 * factory's {@code create}, on the machine where the module runs. The version's name is {@code
 * major.minor} ({@code 3.4}), its number the full release ({@code 3.4.23}).
 */
final class InstalledVersion {
  private static final Pattern VERSION_OUTPUT =
      Pattern.compile("etcd Version:\\s*(([0-9]+)\\.([0-9]+)\\.[0-9]+)");

  private InstalledVersion() {}

  /** The one offered version; {@code CONFIGURATION_INVALID} when etcd is not installed. */
  static List<DatastoreVersion> detect(EtcdConfig config) {
    Path etcd = config.etcd();
    if (!Files.isExecutable(etcd)) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Configuration property etcd.bin-dir: no executable etcd at "
              + etcd
              + " (Debian package etcd-server)");
    }
    return List.of(
        parseVersionOutput(VersionOutput.of(etcd, EtcdErrorCode.INSTALLATION_INVALID))
            .orElseThrow(() -> installationInvalid(etcd, "unexpected --version output")));
  }

  /** Parses {@code etcd Version: 3.4.23} (first line of {@code etcd --version}). */
  static Optional<DatastoreVersion> parseVersionOutput(String output) {
    Matcher matcher = VERSION_OUTPUT.matcher(output);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new DatastoreVersion(matcher.group(2) + "." + matcher.group(3), matcher.group(1)));
  }

  private static StewardException installationInvalid(Path etcd, String problem) {
    return VersionOutput.invalid(EtcdErrorCode.INSTALLATION_INVALID, etcd, problem);
  }
}
