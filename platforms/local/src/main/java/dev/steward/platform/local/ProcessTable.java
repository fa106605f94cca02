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
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code /proc} to judge processes this JVM did not start (adopted after a control-plane
 * restart). A pid alone is not an identity: pids are reused, and because PID 1 on these machines
 * does not reap orphans, a dead orphan lingers as a zombie. So a process counts as alive only when
 * it exists, is not a zombie, and has the start time recorded when it was spawned.
 */
final class ProcessTable {
  private static final Path PROC = Path.of("/proc");

  private ProcessTable() {}

  /**
   * One line of {@code /proc/<pid>/stat}.
   *
   * @param state the state letter (R, S, D, Z, ...)
   * @param parent the parent's pid (field 4); 1 once the parent died (this machine's PID 1 adopts
   *     orphans)
   * @param session the session id (field 6)
   * @param startTime clock ticks after boot when the process started (field 22)
   */
  record ProcessStat(long pid, char state, long parent, long session, long startTime) {
    boolean zombie() {
      return state == 'Z' || state == 'X' || state == 'x';
    }
  }

  static Optional<ProcessStat> stat(long pid) {
    String line;
    try {
      line =
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    // The command name (field 2) is in parentheses and may contain spaces and parentheses.
    int end = line.lastIndexOf(')');
    if (end < 0) {
      return Optional.empty();
    }
    String[] fields = line.substring(end + 1).trim().split(" ");
    // fields[0] is field 3 (state); field n is fields[n - 3].
    if (fields.length < 20) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ProcessStat(
              pid,
              fields[0].charAt(0),
              Long.parseLong(fields[1]),
              Long.parseLong(fields[3]),
              Long.parseLong(fields[19])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The start time of a live process, or empty when it is gone or a zombie. */
  static OptionalLong startTime(long pid) {
    Optional<ProcessStat> stat = stat(pid);
    if (stat.isEmpty() || stat.get().zombie()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(stat.get().startTime());
  }

  /** Whether {@code pid} is the very process that started at {@code startTime} and still runs. */
  static boolean alive(long pid, long startTime) {
    OptionalLong actual = startTime(pid);
    return actual.isPresent() && actual.getAsLong() == startTime;
  }

  /** Live processes whose session id is {@code session} (a server and the children it forked). */
  static List<Long> sessionMembers(long session) {
    List<Long> members = new ArrayList<>();
    for (long pid : pids()) {
      Optional<ProcessStat> stat = stat(pid);
      if (stat.isPresent() && !stat.get().zombie() && stat.get().session() == session) {
        members.add(pid);
      }
    }
    return members;
  }

  /** Live processes whose working directory is {@code directory} or below it. */
  static List<Long> withWorkingDirectoryUnder(Path directory) {
    List<Long> found = new ArrayList<>();
    for (long pid : pids()) {
      try {
        Path cwd = Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd"));
        if (cwd.startsWith(directory) && startTime(pid).isPresent()) {
          found.add(pid);
        }
      } catch (IOException | UnsupportedOperationException e) {
        // Gone meanwhile, or not ours to inspect.
      }
    }
    return found;
  }

  /** SIGKILLs every live process whose real uid is {@code uid} (never uid 0). */
  static void killOwnedBy(int uid) {
    if (uid == 0) {
      throw new IllegalArgumentException("refusing to kill every process of root");
    }
    for (long pid : pids()) {
      if (realUid(pid) == uid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /** The real uid from {@code /proc/<pid>/status} ("Uid: real effective saved fs"); -1 if gone. */
  static int realUid(long pid) {
    try {
      for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone meanwhile.
    }
    return -1;
  }

  private static List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
          pids.add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return pids;
  }
}
