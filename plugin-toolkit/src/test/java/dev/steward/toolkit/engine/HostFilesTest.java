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
package dev.steward.toolkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.HostDirectory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostFilesTest {
  private final FakeHost host = new FakeHost();

  @Test
  void writesUtf8() {
    HostFiles.writeUtf8(host, HostDirectory.CONFIG, "a.conf", "grüße");

    assertThat(host.readFile(HostDirectory.CONFIG, "a.conf"))
        .hasValueSatisfying(
            bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("grüße"));
  }

  @Test
  void theSecretFileExistsOnlyWhileTheCommandRuns() {
    HostFiles.runWithConfigFile(host, "pw", "secret", Command.of("initdb"));

    assertThat(host.journal).containsExactly("write CONFIG/pw", "run initdb", "delete CONFIG/pw");
    assertThat(host.readFile(HostDirectory.CONFIG, "pw")).isEmpty();
  }

  @Test
  void theSecretFileIsDeletedWhenTheCommandFails() {
    host.exitCode = 1;

    assertThatThrownBy(
            () -> HostFiles.runWithConfigFile(host, "pw", "secret", Command.of("initdb")))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.COMMAND_FAILED)).isTrue());
    assertThat(host.readFile(HostDirectory.CONFIG, "pw")).isEmpty();
  }
}
