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
package dev.steward.datastore.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against the PostgreSQL installed on this machine (Debian layout). */
class InstalledVersionsTest {
  @Test
  void parsesVersionOutput() {
    assertThat(
            InstalledVersions.parseVersionOutput(
                "postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n"))
        .contains("15.20");
    assertThat(InstalledVersions.parseVersionOutput("postgres (PostgreSQL) 17beta1"))
        .contains("17");
    assertThat(InstalledVersions.parseVersionOutput("something else")).isEmpty();
  }

  @Test
  void detectsInstalledMajorsNewestFirst() {
    List<DatastoreVersion> versions = InstalledVersions.detect(config(Map.of()));
    assertThat(versions).isNotEmpty();
    for (DatastoreVersion version : versions) {
      assertThat(version.number()).startsWith(version.name() + ".").matches("[0-9]+\\.[0-9]+");
    }
    List<Integer> majors = versions.stream().map(v -> Integer.parseInt(v.name())).toList();
    assertThat(majors).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
  }

  @Test
  void restrictsToConfiguredMajors() {
    String installed = InstalledVersions.installedMajors(Path.of("/usr/lib/postgresql")).getFirst();
    List<DatastoreVersion> versions =
        InstalledVersions.detect(config(Map.of("versions", installed)));
    assertThat(versions).extracting(DatastoreVersion::name).containsExactly(installed);
  }

  @Test
  void configuredMajorThatIsMissingFails() {
    assertConfigurationInvalid(Map.of("versions", "7"), "postgresql.versions");
  }

  @Test
  void emptyBinRootFails(@TempDir Path empty) throws Exception {
    Files.createDirectories(empty.resolve("15/bin"));
    Files.createDirectories(empty.resolve("notes"));
    assertThat(InstalledVersions.installedMajors(empty)).isEmpty();
    assertConfigurationInvalid(Map.of("bin-root", empty.toString()), "postgresql.bin-root");
    assertConfigurationInvalid(
        Map.of("bin-root", empty.resolve("absent").toString()), "postgresql.bin-root");
  }

  private static PostgresqlConfig config(Map<String, String> properties) {
    return PostgresqlConfig.from(new PluginConfig("postgresql", properties));
  }

  private static void assertConfigurationInvalid(Map<String, String> properties, String key) {
    assertThatThrownBy(() -> InstalledVersions.detect(config(properties)))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains(key);
            });
  }
}
