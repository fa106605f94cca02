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
package dev.steward.datastore.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledVersionTest {
  @TempDir Path directory;

  @Test
  void parsesTheVersionLineOfMongod() {
    String output =
        """
        db version v7.0.14
        Build Info: {
            "version": "7.0.14",
            "gitVersion": "ce59cfc6a3c5e5c067dca0d30697edd68d4f5188"
        }
        """;
    assertThat(InstalledVersion.parseVersionOutput(output)).contains("7.0.14");
    assertThat(InstalledVersion.parseVersionOutput("db version v8.0.4-rc1\n"))
        .contains("8.0.4-rc1");
    assertThat(InstalledVersion.parseVersionOutput("mongod (fake) 1.0")).isEmpty();
  }

  @Test
  void versionNameIsTheReleaseSeries() {
    assertThat(InstalledVersion.version("7.0.14")).isEqualTo(new DatastoreVersion("7.0", "7.0.14"));
    assertThat(InstalledVersion.version("8.2.1")).isEqualTo(new DatastoreVersion("8.2", "8.2.1"));
    assertThatThrownBy(() -> InstalledVersion.version("seven"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void locatesBareNamesOnThePathAndAbsolutePathsAsGiven() throws IOException {
    Path program = executable("mongod", "exit 0");
    String path = "relative/dir:" + directory.resolve("empty") + ":" + directory;
    assertThat(InstalledVersion.locate("mongod", path)).contains(program);
    assertThat(InstalledVersion.locate(program.toString(), null)).contains(program);
    assertThat(InstalledVersion.locate("mongod", "/nonexistent")).isEmpty();
    assertThat(InstalledVersion.locate("mongod", null)).isEmpty();
    Files.writeString(directory.resolve("plain"), "not executable");
    assertThat(InstalledVersion.locate(directory.resolve("plain").toString(), null)).isEmpty();
  }

  @Test
  void noMongodMeansNoVersion() {
    MongodbConfig config = config("mongod-that-is-not-installed-" + System.nanoTime());
    assertThat(InstalledVersion.detect(config)).isEmpty();
  }

  @Test
  void aMissingAbsolutePathFailsBoot() {
    MongodbConfig config = config(directory.resolve("no-mongod").toString());
    assertThatThrownBy(() -> InstalledVersion.detect(config))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains("mongodb.mongod");
            });
  }

  @Test
  void asksTheProgramForItsVersion() throws IOException {
    // A stand-in for `mongod --version` only: it answers nothing else and serves nothing.
    Path program = executable("mongod", "echo 'db version v7.0.14'; echo 'Build Info: {}'");
    InstalledVersion installed = InstalledVersion.detect(config(program.toString())).orElseThrow();
    assertThat(installed.mongod()).isEqualTo(program);
    assertThat(installed.version()).isEqualTo(new DatastoreVersion("7.0", "7.0.14"));
  }

  @Test
  void aProgramThatIsNotMongodIsRefused() throws IOException {
    for (String script : new String[] {"echo hello", "exit 3"}) {
      Path program = executable("not-mongod-" + script.length(), script);
      assertThatThrownBy(() -> InstalledVersion.detect(config(program.toString())))
          .as(script)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(MongodbErrorCode.INSTALLATION_INVALID)).isTrue());
    }
  }

  private Path executable(String name, String body) throws IOException {
    Path program = directory.resolve(name);
    Files.writeString(program, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    return program;
  }

  private static MongodbConfig config(String mongod) {
    return new MongodbConfig(
        mongod, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(30), 1000);
  }
}
