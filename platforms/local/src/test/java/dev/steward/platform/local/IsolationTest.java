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

import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one instance's engine can do to another on the same machine. As root (CI), every instance
 * runs as an OS user of its own: another instance's files cannot be read or written and its
 * processes cannot be signalled, and the user is gone with the host. Without root every instance
 * shares the JVM's user (said loudly; the README's security section names the consequence). Either
 * way, a process gets the platform's minimal environment, never the control plane's.
 */
class IsolationTest {
  private static final Set<String> MINIMAL_ENVIRONMENT = Set.of("PATH", "LANG", "HOME", "TMPDIR");

  @TempDir Path temporary;
  private LocalPlatform platform;

  @BeforeEach
  void startPlatform() {
    platform = LocalPlatform.start(TestPlatforms.config(temporary, "127.183"));
  }

  @AfterEach
  void destroyEverything() {
    for (String id : platform.hostIds()) {
      platform.destroy(id);
    }
    platform.close();
  }

  @Test
  void anInstanceCannotReadWriteOrSignalAnother() throws Exception {
    Host tenantA = platform.provision(request("tenant-a"));
    Host tenantB = platform.provision(request("tenant-b"));
    tenantA.writeFile(HostDirectory.DATA, "table.dat", "rows of tenant A".getBytes(UTF_8));
    tenantA.startServer(
        new ServerSpec(List.of("sleep", "600"), Map.of(), StopSignal.TERM, Duration.ofSeconds(5)));
    long serverPid = awaitServerPid(tenantA);
    Path foreignFile = tenantA.directory(HostDirectory.DATA).resolve("table.dat");

    if (!TestPlatforms.root()) {
      System.err.println(
          "IsolationTest: NOT running as root, so every instance shares the JVM's user "
              + System.getProperty("user.name")
              + " and per-instance isolation cannot be checked here (CI runs as root)");
      assertThat(tenantA.serviceUser()).isEqualTo(tenantB.serviceUser());
      return;
    }
    assertThat(tenantA.serviceUser())
        .isNotEqualTo(tenantB.serviceUser())
        .isEqualTo(TestPlatforms.expectedServiceUser(tenantA));
    assertThat(uidOf(tenantA)).isNotEqualTo(uidOf(tenantB)).isNotZero();
    assertThat(Files.getOwner(foreignFile).getName()).isEqualTo(tenantA.serviceUser());

    CommandResult read = tenantB.run(Command.of("cat", foreignFile.toString()).asServiceUser());
    assertThat(read.exitCode()).isNotZero();
    assertThat(read.stdout()).doesNotContain("tenant A");
    CommandResult list =
        tenantB.run(
            Command.of("ls", tenantA.directory(HostDirectory.DATA).toString()).asServiceUser());
    assertThat(list.exitCode()).isNotZero();
    assertThat(list.stdout()).doesNotContain("table.dat");
    CommandResult write =
        tenantB.run(
            Command.of("touch", tenantA.directory(HostDirectory.DATA).resolve("planted").toString())
                .asServiceUser());
    assertThat(write.exitCode()).isNotZero();
    assertThat(tenantA.directory(HostDirectory.DATA).resolve("planted")).doesNotExist();
    CommandResult signal =
        tenantB.run(Command.of("kill", "-0", Long.toString(serverPid)).asServiceUser());
    assertThat(signal.exitCode()).isNotZero();
    assertThat(ProcessHandle.of(serverPid))
        .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

    // The owner itself still can.
    CommandResult own = tenantA.run(Command.of("cat", foreignFile.toString()).asServiceUser());
    assertThat(own.requireSuccess().stdout()).isEqualTo("rows of tenant A");
    assertThat(
            tenantA
                .run(Command.of("kill", "-0", Long.toString(serverPid)).asServiceUser())
                .exitCode())
        .isZero();
  }

  @Test
  void commandsAndServersGetTheMinimalEnvironmentOnly() throws Exception {
    Host host = platform.provision(request("environment"));

    CommandResult command =
        host.run(Command.of("env").asServiceUser().withEnvironment("TZ", "UTC"));
    Map<String, String> seen = parse(command.requireSuccess().stdout());
    Set<String> expected = new TreeSet<>(MINIMAL_ENVIRONMENT);
    expected.add("TZ");
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(seen.get("HOME")).isEqualTo(host.directory(HostDirectory.TMP).toString());
    assertThat(seen.get("TMPDIR")).isEqualTo(host.directory(HostDirectory.TMP).toString());
    assertThat(seen.get("PATH")).isEqualTo(System.getenv("PATH"));
    // The control plane's own environment has more than that (e.g. JAVA_HOME from the build).
    assertThat(System.getenv().keySet()).hasSizeGreaterThan(MINIMAL_ENVIRONMENT.size());

    host.startServer(
        new ServerSpec(
            List.of("sleep", "600"),
            Map.of("ENGINE_SETTING", "1"),
            StopSignal.TERM,
            Duration.ofSeconds(5)));
    long pid = awaitServerPid(host);
    Set<String> serverEnvironment = environmentOf(pid);
    expected = new TreeSet<>(MINIMAL_ENVIRONMENT);
    expected.add("ENGINE_SETTING");
    assertThat(serverEnvironment).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void destroyDeletesTheInstancesUserAlsoWhenRepeatedAfterACrash() throws Exception {
    Host host = platform.provision(request("short-lived"));
    String user = host.serviceUser();
    if (!TestPlatforms.root()) {
      System.err.println(
          "IsolationTest: NOT running as root: no per-instance user to delete (CI runs as root)");
      platform.destroy("short-lived");
      assertThat(exists(user)).isTrue();
      return;
    }
    assertThat(exists(user)).isTrue();

    platform.destroy("short-lived");
    assertThat(exists(user)).isFalse();

    // A crash after the directory went but before the user did: the repeated destroy finishes.
    Host again = platform.provision(request("crashed"));
    String crashedUser = again.serviceUser();
    Files.delete(temporary.resolve("i").resolve("crashed").resolve("host.properties"));
    SafeFiles.deleteRecursively(temporary.resolve("i").resolve("crashed"));
    assertThat(exists(crashedUser)).isTrue();
    platform.destroy("crashed");
    assertThat(exists(crashedUser)).isFalse();
  }

  private static long awaitServerPid(Host host) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      if (host.serverState().running() && host.serverState().pid().isPresent()) {
        return host.serverState().pid().getAsLong();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server of " + host.instanceId() + " did not start");
  }

  private static int uidOf(Host host) throws IOException {
    return (Integer) Files.getAttribute(host.directory(HostDirectory.DATA), "unix:uid");
  }

  private static boolean exists(String user) throws Exception {
    Process process = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor() == 0;
  }

  private static Map<String, String> parse(String envOutput) {
    return Arrays.stream(envOutput.split("\n"))
        .filter(line -> line.contains("="))
        .collect(
            Collectors.toMap(
                line -> line.substring(0, line.indexOf('=')),
                line -> line.substring(line.indexOf('=') + 1)));
  }

  private static Set<String> environmentOf(long pid) throws IOException {
    byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    return Arrays.stream(new String(environ, UTF_8).split("\0"))
        .filter(entry -> entry.contains("="))
        .map(entry -> entry.substring(0, entry.indexOf('=')))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
