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

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionOutputTest {
  private static final ErrorCodeSupplier INVALID =
      () -> new ErrorCode(0x0009_FFFE, "TEST_INSTALLATION_INVALID", ErrorCategory.INTERNAL, false);

  @TempDir Path directory;

  @Test
  void returnsWhatTheBinaryPrints() throws IOException {
    Path program = script("echo \"server v=1.2.3\"; echo warning >&2");

    assertThat(VersionOutput.of(program, INVALID)).contains("server v=1.2.3").contains("warning");
  }

  @Test
  void aFailingBinaryIsInvalidWithTheEnginesCode() throws IOException {
    Path program = script("exit 3");

    assertThatThrownBy(() -> VersionOutput.of(program, INVALID))
        .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.is(INVALID)).isTrue())
        .hasMessageContaining("--version exited with 3");
  }

  @Test
  void aMissingBinaryIsInvalid() {
    assertThatThrownBy(() -> VersionOutput.of(directory.resolve("absent"), INVALID))
        .hasMessageContaining("cannot run");
  }

  private Path script(String body) throws IOException {
    Path program = directory.resolve("server");
    Files.writeString(program, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    return program;
  }
}
