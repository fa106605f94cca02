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

import static dev.steward.platform.local.TestPlatforms.request;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCommandTest {
  @TempDir static Path temporary;
  private static LocalPlatform platform;
  private static Host host;

  @BeforeAll
  static void provision() {
    platform = LocalPlatform.start(TestPlatforms.config(temporary, "127.179"));
    host = platform.provision(request("commands"));
  }

  @AfterAll
  static void destroy() {
    platform.destroy("commands");
    platform.close();
  }

  @Test
  void runsAsTheServiceUserOnlyWhenAsked() {
    assertThat(host.run(Command.of("id", "-un").asServiceUser()).requireSuccess().stdout().strip())
        .isEqualTo(TestPlatforms.expectedServiceUser(host));
    assertThat(host.run(Command.of("id", "-un")).stdout().strip())
        .isEqualTo(System.getProperty("user.name"));
  }

  @Test
  void runsInTheInstanceDirectoryAndTheServiceUserCanWriteItsDirectories() {
    assertThat(host.run(Command.of("pwd")).stdout().strip())
        .isEqualTo(host.directory(HostDirectory.DATA).getParent().toString());

    host.run(Command.of("touch", "data/created-by-service-user").asServiceUser()).requireSuccess();

    assertThat(host.directory(HostDirectory.DATA).resolve("created-by-service-user")).exists();
  }

  @Test
  void stdinAndSecretEnvironmentReachTheProcessButNotItsArguments() {
    String secret = "pa55-" + System.nanoTime();
    Command command =
        Command.of(
                "sh",
                "-c",
                "tr '\\000' ' ' < /proc/$$/cmdline; echo; printf '%s\\n' \"$STEWARD_SECRET\";"
                    + " printf '%s\\n' \"$STEWARD_PLAIN\"; cat")
            .withSecretEnvironment("STEWARD_SECRET", Secret.of(secret))
            .withEnvironment("STEWARD_PLAIN", "plain-value")
            .withStdin("line from stdin\n".getBytes(UTF_8))
            .asServiceUser();

    List<String> lines = host.run(command).requireSuccess().stdout().lines().toList();

    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).contains("sh -c").doesNotContain(secret);
    assertThat(lines.get(1)).isEqualTo(secret);
    assertThat(lines.get(2)).isEqualTo("plain-value");
    assertThat(lines.get(3)).isEqualTo("line from stdin");
    assertThat(command.toString()).doesNotContain(secret);
  }

  @Test
  void inheritsTheJvmEnvironment() {
    assertThat(host.run(Command.of("sh", "-c", "printf %s \"$PATH\"")).stdout())
        .isEqualTo(System.getenv("PATH"));
  }

  @Test
  void aNonZeroExitIsAResultNotAnException() {
    CommandResult result = host.run(Command.of("sh", "-c", "echo out; echo broken >&2; exit 3"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("broken\n");
    assertThatThrownBy(result::requireSuccess)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.COMMAND_FAILED)).isTrue())
        .hasMessageContaining("broken");
  }

  @Test
  void outputKeepsItsLastMebibyte() {
    CommandResult result =
        host.run(Command.of("sh", "-c", "head -c 3000000 /dev/zero | tr '\\000' a; printf END"));

    assertThat(result.stdout()).hasSize(CommandRunner.OUTPUT_LIMIT).endsWith("aaaEND");
  }

  @Test
  void timeoutKillsTheWholeTreeAndIsRetryable() throws Exception {
    Path pidFile = host.directory(HostDirectory.TMP).resolve("child.pid");
    Command command =
        Command.of("sh", "-c", "sleep 30 & echo $! > " + pidFile + "; wait")
            .asServiceUser()
            .withTimeout(Duration.ofMillis(700));
    long started = System.nanoTime();

    assertThatThrownBy(() -> host.run(command))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.TIMEOUT)).isTrue();
              assertThat(e.isRetryable()).isTrue();
            });

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    long child = Long.parseLong(Files.readString(pidFile).strip());
    waitUntilGone(child);
    assertThat(ProcessTable.startTime(child)).isEmpty();
  }

  @Test
  void anUnknownProgramIsBinaryNotFound() {
    for (Command command :
        List.of(
            Command.of("steward-no-such-program"),
            Command.of("steward-no-such-program").asServiceUser(),
            Command.of("/usr/bin/steward-no-such-program"))) {
      assertThatThrownBy(() -> host.run(command))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.BINARY_NOT_FOUND)).isTrue())
          .hasMessageContaining("steward-no-such-program");
    }
  }

  @Test
  void writeReadAndClearFiles() throws IOException {
    host.writeFile(HostDirectory.CONFIG, "engine.conf", "first".getBytes(UTF_8));
    host.writeFile(HostDirectory.CONFIG, "engine.conf", "second".getBytes(UTF_8));
    host.writeFile(HostDirectory.CONFIG, "nested/dir/secret.cnf", "[client]".getBytes(UTF_8));

    Path config = host.directory(HostDirectory.CONFIG);
    assertThat(host.readFile(HostDirectory.CONFIG, "engine.conf"))
        .get()
        .isEqualTo("second".getBytes(UTF_8));
    assertThat(host.readFile(HostDirectory.CONFIG, "nested/dir/secret.cnf")).isPresent();
    assertThat(host.readFile(HostDirectory.CONFIG, "missing.conf")).isEmpty();
    for (Path file :
        List.of(config.resolve("engine.conf"), config.resolve("nested/dir/secret.cnf"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(Files.getOwner(file).getName()).isEqualTo(TestPlatforms.expectedServiceUser(host));
    }
    assertThat(Files.getOwner(config.resolve("nested")).getName())
        .isEqualTo(TestPlatforms.expectedServiceUser(host));
    try (var entries = Files.list(config)) {
      assertThat(entries.map(path -> path.getFileName().toString()))
          .containsOnly("engine.conf", "nested");
    }
    assertThat(host.run(Command.of("cat", "config/engine.conf").asServiceUser()).stdout())
        .isEqualTo("second");

    host.clear(HostDirectory.CONFIG);

    assertThat(config).isEmptyDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rwx------");
    assertThat(Files.getOwner(config).getName()).isEqualTo(TestPlatforms.expectedServiceUser(host));
  }

  @Test
  void rejectsNamesOutsideTheDirectory() throws IOException {
    Path outside = Files.createDirectories(temporary.resolve("outside"));
    Files.createSymbolicLink(host.directory(HostDirectory.TMP).resolve("link"), outside);

    for (String name : List.of("../host.properties", "/etc/passwd", "a/../../x", "", "link/file")) {
      assertThatThrownBy(() -> host.writeFile(HostDirectory.TMP, name, new byte[1]))
          .as(name)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
      assertThatThrownBy(() -> host.readFile(HostDirectory.TMP, name))
          .as(name)
          .isInstanceOf(StewardException.class);
    }
    assertThat(outside).isEmptyDirectory();
    Files.delete(host.directory(HostDirectory.TMP).resolve("link"));
    assertThat(
            Files.exists(
                host.directory(HostDirectory.TMP).resolve("link"), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
  }

  private static void waitUntilGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (ProcessTable.startTime(pid).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
