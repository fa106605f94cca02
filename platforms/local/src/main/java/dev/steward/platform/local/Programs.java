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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Finds programs on a PATH and kills process trees; shared by commands and servers. */
final class Programs {
  private Programs() {}

  /**
   * The absolute path of {@code program} for a process run as the service user (when {@code
   * asServiceUser}) or as the JVM's user: a PATH entry the service user cannot reach, such as a
   * tool under /root, is skipped. A relative name with a slash is relative to {@code
   * workingDirectory}.
   */
  static Path resolve(
      ServiceUser serviceUser,
      boolean asServiceUser,
      String program,
      Optional<String> path,
      Path workingDirectory) {
    if (asServiceUser && serviceUser.privileged()) {
      int uid = serviceUser.uid();
      int gid = serviceUser.gid();
      return resolve(
          program, path, workingDirectory, file -> UnixPermissions.executableBy(file, uid, gid));
    }
    return resolve(program, path, workingDirectory, Files::isExecutable);
  }

  /**
   * The absolute path of {@code program}: itself when it contains a slash, else the first match on
   * {@code path} that {@code executable} accepts. Fails with BINARY_NOT_FOUND naming the program.
   */
  static Path resolve(
      String program, Optional<String> path, Path workingDirectory, Predicate<Path> executable) {
    if (program.contains("/")) {
      Path candidate = workingDirectory.resolve(program).normalize();
      if (Files.isRegularFile(candidate) && executable.test(candidate)) {
        return candidate;
      }
      throw notFound(program);
    }
    for (String entry : path.orElse("/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(entry).resolve(program);
      if (Files.isRegularFile(candidate) && executable.test(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw notFound(program);
  }

  static StewardException notFound(String program) {
    return new StewardException(
        StandardErrorCode.BINARY_NOT_FOUND, "Program not found or not executable: " + program);
  }

  /** SIGKILLs a process and every descendant it has (collected before the root dies). */
  static void killTree(ProcessHandle root) {
    for (int round = 0; round < 2; round++) {
      List<ProcessHandle> descendants = root.descendants().toList();
      root.destroyForcibly();
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
