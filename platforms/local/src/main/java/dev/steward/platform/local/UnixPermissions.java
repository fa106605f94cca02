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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Answers "could the service user do this?" from mode bits, for a JVM running as root (whose own
 * access checks would answer yes for anything). Supplementary groups are not considered.
 */
final class UnixPermissions {
  private static final int EXECUTE_OWNER = 0100;
  private static final int EXECUTE_GROUP = 0010;
  private static final int EXECUTE_OTHER = 0001;

  private UnixPermissions() {}

  /** Whether the user may execute {@code file}: searchable directories and an executable file. */
  static boolean executableBy(Path file, int uid, int gid) {
    try {
      Path real = file.toRealPath();
      return executeBitFor(real, uid, gid) && traversableBy(real.getParent(), uid, gid);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the user may search {@code directory} and each of its parents. */
  static boolean traversableBy(Path directory, int uid, int gid) {
    return firstUntraversable(directory, uid, gid).isEmpty();
  }

  /** The first directory, from the root down, that the user may not search; empty when none. */
  static Optional<Path> firstUntraversable(Path directory, int uid, int gid) {
    try {
      Path real = directory.toRealPath();
      Optional<Path> blocked = Optional.empty();
      for (Path current = real; current != null; current = current.getParent()) {
        if (!executeBitFor(current, uid, gid)) {
          blocked = Optional.of(current);
        }
      }
      return blocked;
    } catch (IOException e) {
      return Optional.of(directory);
    }
  }

  private static boolean executeBitFor(Path path, int uid, int gid) throws IOException {
    if (uid == 0) {
      return Files.isDirectory(path) || (mode(path) & 0111) != 0;
    }
    int mode = mode(path);
    if ((Integer) Files.getAttribute(path, "unix:uid") == uid) {
      return (mode & EXECUTE_OWNER) != 0;
    }
    if ((Integer) Files.getAttribute(path, "unix:gid") == gid) {
      return (mode & EXECUTE_GROUP) != 0;
    }
    return (mode & EXECUTE_OTHER) != 0;
  }

  private static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode");
  }
}
