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
package dev.steward.server.crash;

import dev.steward.server.launcher.StewardLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A control plane in a separate JVM (the embedded launcher), for tests that SIGKILL it: start it,
 * read its output lines, find the PostgreSQL servers it left, clean up by pid.
 */
final class ControlPlaneProcess {
  private ControlPlaneProcess() {}

  static Process launch(Path data, String addressPrefix, String password, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Dguice_bytecode_gen_option=DISABLED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StewardLauncher.class.getName());
    command.addAll(List.of(arguments));
    command.addAll(
        List.of(
            "--set", "steward.data-dir=" + data,
            "--set", "steward.node-id=crash-node",
            "--set", "steward.poll-interval=50ms",
            "--set", "local.base-dir=" + data.resolve("i"),
            "--set", "local.address-prefix=" + addressPrefix));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("STEWARD_USER_PASSWORD", password);
    builder.redirectError(data.resolve("launcher-" + System.nanoTime() + ".err").toFile());
    return builder.start();
  }

  static BufferedReader reader(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static List<String> drain(Process process) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = reader(process)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** PostgreSQL postmasters whose data directory is inside the instance's directory. */
  static List<Long> postmasters(Path instanceDirectory) throws IOException {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process :
          processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String commandLine =
              Files.readString(process.resolve("cmdline"), StandardCharsets.ISO_8859_1)
                  .replace('\0', ' ');
          String status = Files.readString(process.resolve("stat"));
          boolean zombie = status.substring(status.lastIndexOf(')') + 2).startsWith("Z");
          if (!zombie
              && commandLine.contains("postgres ")
              && commandLine.contains(" -D ")
              && commandLine.contains(instanceDirectory.toString())) {
            found.add(Long.parseLong(process.getFileName().toString()));
          }
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile
        }
      }
    }
    return found;
  }

  /** Stops any server the test left behind (by pid) and removes the directory. */
  static void removeLeftovers(Path data) throws Exception {
    Path instances = data.resolve("i");
    if (Files.isDirectory(instances)) {
      try (Stream<Path> children = Files.list(instances)) {
        for (Path child : children.toList()) {
          for (long pid : postmasters(child)) {
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
          }
        }
      }
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
