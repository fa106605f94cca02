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
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.ServerState;
import dev.steward.spi.platform.StopSignal;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real servers: Python's http.server on the host's own address, run as the service user. */
class ServerSupervisionTest {
  private static final int PORT = 8080;

  @TempDir Path temporary;
  private LocalPlatformConfig config;
  private LocalPlatform platform;

  @BeforeEach
  void startPlatform() {
    config = TestPlatforms.config(temporary, "127.180");
    platform = LocalPlatform.start(config);
  }

  @AfterEach
  void destroyEverything() {
    platform.close();
    try (LocalPlatform cleaner = LocalPlatform.start(config)) {
      for (String id : cleaner.hostIds()) {
        cleaner.destroy(id);
      }
    }
  }

  @Test
  void startsTheServerAsTheServiceUserAndStartingAgainKeepsIt() throws Exception {
    Host host = platform.provision(request("web"));

    host.startServer(httpServer(host, StopSignal.TERM));

    long pid = awaitServing(host);
    assertThat(commandLine(pid)).contains("http.server", host.address().getHostAddress());
    assertThat(ProcessTable.stat(pid))
        .get()
        .extracting(ProcessTable.ProcessStat::session)
        .isEqualTo(pid);
    assertThat(Files.getOwner(Path.of("/proc", Long.toString(pid))).getName())
        .isEqualTo(TestPlatforms.expectedServiceUser(host));
    assertThat(
            Files.readString(
                host.directory(HostDirectory.DATA).getParent().resolve("host.properties")))
        .contains("server.pid=" + pid, "server.desired-state=running", "server.argument.0=");

    host.startServer(httpServer(host, StopSignal.TERM));

    assertThat(host.serverState()).isEqualTo(new ServerState(true, OptionalLong.of(pid), 0));
    assertThat(get(host)).isEqualTo(200);
  }

  @Test
  void theSupervisorRestartsAKilledServer() throws Exception {
    Host host = platform.provision(request("phoenix"));
    host.startServer(httpServer(host, StopSignal.TERM));
    long pid = awaitServing(host);

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    await(
        () -> host.serverState().running() && host.serverState().pid().getAsLong() != pid,
        Duration.ofSeconds(10));
    assertThat(host.serverState().restarts()).isEqualTo(1);
    assertThat(awaitServing(host)).isNotEqualTo(pid);
  }

  @Test
  void aNewPlatformAdoptsTheRunningServerAndStopsItWithSigint() throws Exception {
    Host host = platform.provision(request("adopted"));
    host.startServer(httpServer(host, StopSignal.INT));
    long pid = awaitServing(host);
    platform.close();

    try (LocalPlatform restarted = LocalPlatform.start(config)) {
      Host found = restarted.find("adopted").orElseThrow();
      assertThat(found.serverState()).isEqualTo(new ServerState(true, OptionalLong.of(pid), 0));
      found.startServer(httpServer(found, StopSignal.INT));
      assertThat(found.serverState().pid()).hasValue(pid);
      assertThat(ProcessHandle.of(pid)).isPresent();

      found.stopServer();

      assertThat(ProcessTable.startTime(pid)).isEmpty();
      assertThat(found.serverState()).isEqualTo(ServerState.stopped(0));
      assertThat(Files.readString(found.directory(HostDirectory.LOG).resolve("server.log")))
          .contains("Keyboard interrupt received");
      found.stopServer();
      Thread.sleep(
          config
              .superviseInterval()
              .multipliedBy(3)
              .plus(ManagedServer.INITIAL_BACKOFF)
              .toMillis());
      assertThat(found.serverState().running()).as("a stopped server stays stopped").isFalse();
    }
  }

  @Test
  void stopEscalatesToSigkillAfterTheStopTimeout() throws Exception {
    Host host = platform.provision(request("stubborn"));
    // QUIT is ignored by this shell's trap, so only SIGKILL ends it.
    host.startServer(
        new ServerSpec(
            List.of("sh", "-c", "trap '' QUIT; while true; do sleep 0.05; done"),
            Map.of(),
            StopSignal.QUIT,
            Duration.ofMillis(300)));
    await(() -> host.serverState().running(), Duration.ofSeconds(5));
    long pid = host.serverState().pid().getAsLong();

    host.stopServer();

    assertThat(ProcessTable.startTime(pid)).isEmpty();
    assertThat(host.serverState().running()).isFalse();
  }

  @Test
  void destroyStopsARunningServer() throws Exception {
    Host host = platform.provision(request("doomed"));
    host.startServer(httpServer(host, StopSignal.TERM));
    long pid = awaitServing(host);

    platform.destroy("doomed");

    assertThat(ProcessTable.startTime(pid)).isEmpty();
    assertThat(host.directory(HostDirectory.DATA).getParent()).doesNotExist();
    assertThat(platform.hostIds()).isEmpty();
  }

  @Test
  void closeLeavesServersRunningUnlessConfiguredToStopThem() throws Exception {
    ServerSpec sleeper =
        new ServerSpec(List.of("sleep", "60"), Map.of(), StopSignal.TERM, Duration.ofSeconds(5));
    Host kept = platform.provision(request("kept"));
    kept.startServer(sleeper);
    long keptPid = kept.serverState().pid().orElseThrow();
    platform.close();
    assertThat(ProcessTable.startTime(keptPid)).isPresent();

    LocalPlatformConfig stopping =
        TestPlatforms.config(temporary, "127.180", Map.of("stop-servers-on-close", "true"));
    LocalPlatform closing = LocalPlatform.start(stopping);
    Host stopped = closing.provision(request("stopped"));
    stopped.startServer(sleeper);
    long stoppedPid = stopped.serverState().pid().orElseThrow();

    closing.close();

    assertThat(ProcessTable.startTime(stoppedPid)).isEmpty();
    assertThat(ProcessTable.startTime(keptPid)).as("adopted servers are stopped as well").isEmpty();
  }

  static ServerSpec httpServer(Host host, StopSignal stopSignal) {
    return new ServerSpec(
        List.of(
            "/usr/bin/python3",
            "-m",
            "http.server",
            Integer.toString(PORT),
            "--bind",
            host.address().getHostAddress(),
            "--directory",
            host.directory(HostDirectory.DATA).toString()),
        Map.of("PYTHONUNBUFFERED", "1"),
        stopSignal,
        Duration.ofSeconds(5));
  }

  /** Waits until the server answers HTTP on the host's address; returns its pid. */
  static long awaitServing(Host host) throws InterruptedException {
    await(() -> host.serverState().running() && get(host) == 200, Duration.ofSeconds(15));
    return host.serverState().pid().getAsLong();
  }

  static int get(Host host) {
    try {
      URI uri = URI.create("http://" + host.address().getHostAddress() + ":" + PORT + "/");
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try (InputStream body = connection.getInputStream()) {
        body.readAllBytes();
        return connection.getResponseCode();
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }

  static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  private static String commandLine(long pid) throws IOException {
    return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
  }
}
