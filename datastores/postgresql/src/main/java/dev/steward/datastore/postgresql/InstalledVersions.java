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
package dev.steward.datastore.postgresql;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL majors installed under {@code bin-root} ({@code
 * <root>/<major>/bin/postgres}) and asks each for its full version number. Runs once, in the
 * factory's {@code create}, on the machine where the module runs.
 */
final class InstalledVersions {
  private static final Pattern MAJOR = Pattern.compile("[0-9]{1,3}");
  private static final Pattern VERSION_OUTPUT =
      Pattern.compile("\\(PostgreSQL\\)\\s+([0-9]+(?:\\.[0-9]+)*)");

  private InstalledVersions() {}

  /**
   * The offered versions, newest first; {@code CONFIGURATION_INVALID} when none is installed or a
   * configured major is missing.
   */
  static List<DatastoreVersion> detect(PostgresqlConfig config) {
    List<String> installed = installedMajors(config.binRoot());
    List<String> offered = installed;
    if (!config.versions().isEmpty()) {
      for (String wanted : config.versions()) {
        if (!installed.contains(wanted)) {
          throw new StewardException(
              StandardErrorCode.CONFIGURATION_INVALID,
              "Configuration property postgresql.versions: PostgreSQL "
                  + wanted
                  + " is not installed under "
                  + config.binRoot()
                  + " (installed: "
                  + installed
                  + ")");
        }
      }
      offered = installed.stream().filter(config.versions()::contains).toList();
    }
    if (offered.isEmpty()) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Configuration property postgresql.bin-root: no PostgreSQL installation found under "
              + config.binRoot()
              + " (expected <major>/bin/postgres)");
    }
    List<DatastoreVersion> versions = new ArrayList<>();
    for (String major : offered) {
      Path server = config.binRoot().resolve(major).resolve("bin").resolve("postgres");
      versions.add(new DatastoreVersion(major, versionNumber(server)));
    }
    return List.copyOf(versions);
  }

  /** The majors with an executable server, numerically newest first. */
  static List<String> installedMajors(Path binRoot) {
    if (!Files.isDirectory(binRoot)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(binRoot)) {
      return children
          .map(child -> child.getFileName().toString())
          .filter(name -> MAJOR.matcher(name).matches())
          .filter(name -> Files.isExecutable(binRoot.resolve(name).resolve("bin/postgres")))
          .sorted(Comparator.comparingInt((String major) -> Integer.parseInt(major)).reversed())
          .toList();
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Configuration property postgresql.bin-root: cannot list " + binRoot,
          e);
    }
  }

  /** Parses {@code postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)} to {@code 15.20}. */
  static Optional<String> parseVersionOutput(String output) {
    Matcher matcher = VERSION_OUTPUT.matcher(output);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1));
  }

  private static String versionNumber(Path server) {
    String output;
    try {
      Process process =
          new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readNBytes(4096), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw installationInvalid(server, "did not answer --version in 30 s");
      }
      if (process.exitValue() != 0) {
        throw installationInvalid(server, "--version exited with " + process.exitValue());
      }
    } catch (IOException e) {
      throw installationInvalid(server, "cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw installationInvalid(server, "interrupted");
    }
    return parseVersionOutput(output)
        .orElseThrow(() -> installationInvalid(server, "unexpected --version output"));
  }

  private static StewardException installationInvalid(Path server, String problem) {
    return new StewardException(PostgresqlErrorCode.INSTALLATION_INVALID, server + ": " + problem);
  }
}
