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
package dev.steward.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values crossing the SPI: validation, immutable copies, secrets that never print. */
class ValuesTest {
  @Test
  void dataSizesParseBinaryUnitsAndRefuseNonsense() {
    assertThat(DataSize.parse("512")).isEqualTo(new DataSize(512));
    assertThat(DataSize.parse("8k").bytes()).isEqualTo(8 * 1024);
    assertThat(DataSize.parse("64 MB").megabytes()).isEqualTo(64);
    assertThat(DataSize.parse("2GB").bytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(DataSize.parse("1T").bytes()).isEqualTo(1L << 40);
    assertThatThrownBy(() -> DataSize.parse("1.5GB")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DataSize(-1)).hasMessage("bytes is negative");
    assertThatThrownBy(() -> DataSize.parse("9999999999T")).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void secretsNeverPrintAndCompareByValue() {
    Secret secret = Secret.of("hunter2");
    assertThat(secret).hasToString("******").isEqualTo(Secret.of("hunter2"));
    assertThat(secret).isNotEqualTo(Secret.of("hunter3"));
    assertThat(secret.reveal()).isEqualTo("hunter2");
    UserSpec spec = new UserSpec(UserRef.of("app"), secret, List.of("db"));
    assertThat(spec.toString()).doesNotContain("hunter2");
    Command command = Command.of("psql").withSecretEnvironment("PGPASSWORD", secret);
    assertThat(command.toString()).doesNotContain("hunter2").isEqualTo("Command[psql]");
  }

  @Test
  void recordsRefuseNullsAndCopyTheirCollections() {
    assertThatThrownBy(() -> new DatastoreVersion(null, "1")).hasMessage("name is null");
    assertThatThrownBy(() -> new UserRef("app", null)).hasMessage("host is null");
    assertThat(UserRef.of("app").host()).isEqualTo(UserRef.ANY_HOST);
    List<String> databases = new ArrayList<>(List.of("a"));
    UserSpec spec = new UserSpec(UserRef.of("app"), Secret.of("p"), databases);
    databases.add("b");
    assertThat(spec.databases()).containsExactly("a");
    assertThatThrownBy(() -> Command.of(List.of())).hasMessage("arguments is empty");
  }

  @Test
  void commandsAreImmutableBuilders() {
    byte[] input = {1, 2};
    Command command =
        Command.of("tool", "-v")
            .withTimeout(Duration.ofSeconds(3))
            .withEnvironment("LANG", "C")
            .withArguments(List.of("--x"))
            .withStdin(input)
            .asServiceUser();
    input[0] = 9;
    assertThat(command.arguments()).containsExactly("tool", "-v", "--x");
    assertThat(command.program()).isEqualTo("tool");
    assertThat(command.environment()).containsEntry("LANG", "C");
    assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(command.serviceUser()).isTrue();
    assertThat(command.stdin())
        .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2));
    assertThat(Command.of("tool").timeout()).isEqualTo(Command.DEFAULT_TIMEOUT);
  }

  @Test
  void aFailedCommandIsCommandFailedWithTheTailOfStderr() {
    assertThat(new CommandResult("ok", 0, "", "").requireSuccess().succeeded()).isTrue();
    assertThatThrownBy(
            () -> new CommandResult("pg_dump", 2, "", "x".repeat(3000) + "boom\n").requireSuccess())
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.COMMAND_FAILED)).isTrue())
        .hasMessageStartingWith("pg_dump failed with exit code 2: ")
        .hasMessageEndingWith("boom")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(2100));
  }

  @Test
  void toolEnvironmentsNameWhatIsMissing() {
    ToolEnvironment tools = new ToolEnvironment(Map.of("port", "5432"), Map.of());
    assertThat(tools.property("port")).isEqualTo("5432");
    assertThatThrownBy(() -> tools.secret("password"))
        .hasMessage("The datastore gives backup tools no secret password");
    assertThatThrownBy(() -> tools.property("socket"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue());
  }
}
