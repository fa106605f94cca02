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
package dev.steward.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main source file over 500 lines, in any module: a file that grows past it does several jobs
 * and is split. Counts every line of every {@code src/main/java} file of the reactor.
 */
class FileSizeTest {
  private static final int LIMIT = 500;

  @Test
  void noMainSourceFileIsOverTheLimit() throws IOException {
    Path root = Path.of(System.getProperty("steward.source-root", "..")).toAbsolutePath();
    List<Path> sources = mainSources(root);
    assertThat(sources).as("main sources under " + root).hasSizeGreaterThan(100);
    List<String> tooLong =
        sources.stream()
            .filter(file -> lines(file) > LIMIT)
            .map(file -> root.relativize(file) + " (" + lines(file) + " lines)")
            .sorted()
            .toList();
    assertThat(tooLong).as("main source files over " + LIMIT + " lines").isEmpty();
  }

  private static List<Path> mainSources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> root.relativize(file).toString().contains("src/main/java/"))
          .filter(file -> !root.relativize(file).toString().contains("/target/"))
          .filter(file -> !root.relativize(file).startsWith(".git"))
          .toList();
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
