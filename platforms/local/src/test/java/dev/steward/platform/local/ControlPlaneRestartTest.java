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

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.platform.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started by a control plane that has since exited: it keeps running, a new control plane
 * adopts it, and once it dies as an orphan (a zombie when PID 1 does not reap) it is restarted.
 */
class ControlPlaneRestartTest {
  private static final String PREFIX = "127.181";

  @TempDir Path temporary;

  @AfterEach
  void destroyEverything() {
    try (LocalPlatform cleaner = LocalPlatform.start(TestPlatforms.config(temporary, PREFIX))) {
      for (String id : cleaner.hostIds()) {
        cleaner.destroy(id);
      }
    }
  }

  @Test
  void serverOutlivesItsControlPlaneAndIsAdoptedThenRestartedAfterDying() throws Exception {
    long pid = startServerInAnotherJvm("orphan");
    assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
        .as("no longer a child of any JVM of ours")
        .isNotEqualTo(Optional.of(ProcessHandle.current().pid()));

    try (LocalPlatform platform = LocalPlatform.start(TestPlatforms.config(temporary, PREFIX))) {
      Host host = platform.find("orphan").orElseThrow();
      assertThat(host.serverState().pid()).hasValue(pid);
      assertThat(ServerSupervisionTest.get(host)).isEqualTo(200);

      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      ServerSupervisionTest.await(
          () -> ProcessTable.startTime(pid).isEmpty(), Duration.ofSeconds(5));
      // Dead, perhaps lingering as a zombie: either way it must count as not running.
      ProcessTable.stat(pid).ifPresent(stat -> assertThat(stat.zombie()).isTrue());

      ServerSupervisionTest.await(
          () -> host.serverState().running() && host.serverState().pid().getAsLong() != pid,
          Duration.ofSeconds(10));
      assertThat(host.serverState().restarts()).isEqualTo(1);
      assertThat(ServerSupervisionTest.awaitServing(host)).isNotEqualTo(pid);
    }
  }

  private long startServerInAnotherJvm(String instanceId) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process jvm =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    ControlPlaneMain.class.getName(),
                    temporary.toString(),
                    PREFIX,
                    instanceId))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(jvm.exitValue()).as(output).isZero();
    return Long.parseLong(output.strip().lines().reduce((first, second) -> second).orElseThrow());
  }
}
