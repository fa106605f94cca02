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
package dev.steward.tck;

import dev.steward.spi.backup.RestorePart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Restore parts for strategy tests that drive {@code BackupStrategy.restore} without core: a backup
 * stream kept in a test file, or any stream the test makes.
 */
public final class RestoreParts {
  private RestoreParts() {}

  public static RestorePart of(
      String backupId, Map<String, String> metadata, Supplier<InputStream> opener) {
    Map<String, String> copy = Map.copyOf(metadata);
    return new RestorePart() {
      @Override
      public String backupId() {
        return backupId;
      }

      @Override
      public Map<String, String> metadata() {
        return copy;
      }

      @Override
      public InputStream open() {
        return opener.get();
      }
    };
  }

  /** A part whose stream is the content of {@code file}. */
  public static RestorePart ofFile(String backupId, Map<String, String> metadata, Path file) {
    return of(
        backupId,
        metadata,
        () -> {
          try {
            return Files.newInputStream(file);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
