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
package dev.steward.platform.local;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A host's {@link HostMetadata} in memory and on disk. Every change is written atomically before it
 * becomes visible, so what a restarted control plane reads is never older than what this one acted
 * on. Thread-safe.
 */
final class MetadataFile {
  private final Path file;
  private volatile HostMetadata current;

  MetadataFile(Path file, HostMetadata current) {
    this.file = requireNonNull(file, "file is null");
    this.current = requireNonNull(current, "current is null");
  }

  /** Writes {@code metadata} as a new host's first metadata and returns the file. */
  static MetadataFile create(Path file, HostMetadata metadata) {
    write(file, metadata);
    return new MetadataFile(file, metadata);
  }

  static MetadataFile load(Path file) {
    return new MetadataFile(file, HostMetadata.read(file));
  }

  /**
   * Reads the file again, for decisions that must follow what another control plane sharing the
   * base directory may have written; empty when the host was destroyed meanwhile.
   */
  synchronized Optional<HostMetadata> reload() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    current = HostMetadata.read(file);
    return Optional.of(current);
  }

  HostMetadata current() {
    return current;
  }

  synchronized HostMetadata update(UnaryOperator<HostMetadata> change) {
    HostMetadata next = change.apply(current);
    if (!next.equals(current)) {
      write(file, next);
      current = next;
    }
    return next;
  }

  private static void write(Path file, HostMetadata metadata) {
    try {
      SafeFiles.writeAtomically(file, metadata.toBytes(), temporary -> {});
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot write host metadata " + file + ": " + e, e);
    }
  }
}
