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

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a family member's server binary for tests: the path in an environment variable (or the
 * system property of the same name in lower case with dots, such as {@code steward.mysqld}) when
 * set, which then must be that member; otherwise the usual places and the PATH, judged by {@code
 * --version} output (Debian's {@code /usr/sbin/mysqld} is MariaDB).
 */
public final class ServerBinaries {
  private static final List<String> PROGRAM_NAMES = List.of("mysqld", "mariadbd");
  private static final List<String> PLACES =
      List.of("/usr/sbin", "/usr/local/mysql/bin", "/usr/local/sbin", "/opt/mysql/bin");

  private ServerBinaries() {}

  /** What the search found, with the explanation a skipped test prints. */
  public record Search(Optional<Path> found, String explanation) {
    public Search {
      requireNonNull(found, "found is null");
      requireNonNull(explanation, "explanation is null");
    }
  }

  /**
   * Searches; an explicitly configured path that is missing or another member fails (a
   * misconfiguration is not an absent binary).
   */
  public static Search search(Distribution distribution, String variable) {
    Optional<String> configured = configured(variable);
    if (configured.isPresent()) {
      Path path = Path.of(configured.get());
      InstalledServer.Detection detection = InstalledServer.detect(distribution, path);
      if (detection.version().isEmpty()) {
        throw new IllegalStateException(
            variable + "=" + path + " is set but unusable: " + detection.explanation());
      }
      return new Search(Optional.of(path), detection.explanation());
    }
    List<String> seen = new ArrayList<>();
    Set<Path> visited = new LinkedHashSet<>();
    for (Path candidate : candidates(distribution)) {
      if (!Files.isExecutable(candidate) || !visited.add(realPath(candidate))) {
        continue;
      }
      InstalledServer.Detection detection = InstalledServer.detect(distribution, candidate);
      if (detection.version().isPresent()) {
        return new Search(Optional.of(candidate), detection.explanation());
      }
      seen.add(detection.explanation());
    }
    return new Search(
        Optional.empty(),
        "no "
            + distribution.displayName()
            + " server binary on this machine (set "
            + variable
            + " to its path); checked: "
            + (seen.isEmpty() ? "no mysqld/mariadbd found" : String.join("; ", seen)));
  }

  /** The binary, or an exception when absent (callers have checked with {@link #search}). */
  public static Path require(Distribution distribution, String variable) {
    Search search = search(distribution, variable);
    return search.found().orElseThrow(() -> new IllegalStateException(search.explanation()));
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (java.io.IOException e) {
      return path;
    }
  }

  private static Optional<String> configured(String variable) {
    String property = variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    return Optional.ofNullable(System.getProperty(property))
        .or(() -> Optional.ofNullable(System.getenv(variable)))
        .filter(value -> !value.isBlank());
  }

  private static Set<Path> candidates(Distribution distribution) {
    Set<Path> candidates = new LinkedHashSet<>();
    candidates.add(distribution.defaultServerProgram());
    List<String> directories = new ArrayList<>(PLACES);
    String path = System.getenv("PATH");
    if (path != null) {
      directories.addAll(List.of(path.split(File.pathSeparator)));
    }
    for (String directory : directories) {
      for (String name : PROGRAM_NAMES) {
        if (!directory.isEmpty()) {
          candidates.add(Path.of(directory, name).toAbsolutePath().normalize());
        }
      }
    }
    return candidates;
  }
}
