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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
        parseVersionOutput(versionOutput(etcd))
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

  private static String versionOutput(Path etcd) {
    try {
      Process process =
          new ProcessBuilder(etcd.toString(), "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output;
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readNBytes(4096), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw installationInvalid(etcd, "did not answer --version in 30 s");
      }
      if (process.exitValue() != 0) {
        throw installationInvalid(etcd, "--version exited with " + process.exitValue());
      }
      return output;
    } catch (IOException e) {
      throw installationInvalid(etcd, "cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw installationInvalid(etcd, "interrupted");
    }
  }

  private static StewardException installationInvalid(Path etcd, String problem) {
    return new StewardException(EtcdErrorCode.INSTALLATION_INVALID, etcd + ": " + problem);
  }
}
