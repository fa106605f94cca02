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
package dev.steward.datastore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against the redis-server installed on this machine. */
class InstalledVersionTest {
  @Test
  void parsesVersionOutput() {
    assertThat(
            InstalledVersion.parseVersionOutput(
                "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64"
                    + " build=ae4d7c971a948f0\n"))
        .contains(new DatastoreVersion("7.0", "7.0.15"));
    assertThat(InstalledVersion.parseVersionOutput("Redis server v=7.2.4 sha=0"))
        .contains(new DatastoreVersion("7.2", "7.2.4"));
    assertThat(InstalledVersion.parseVersionOutput("something else")).isEmpty();
  }

  @Test
  void detectsTheInstalledServer() {
    DatastoreVersion version = InstalledVersion.detect(RedisConfig.DEFAULT_SERVER_BINARY);
    assertThat(version.number())
        .startsWith(version.name() + ".")
        .matches("[0-9]+\\.[0-9]+\\.[0-9]+");
    assertThat(Integer.parseInt(version.name().split("\\.")[0])).isGreaterThanOrEqualTo(6);
  }

  @Test
  void refusesRedisWithoutAcls() {
    assertThatThrownBy(() ->
            InstalledVersion.requireSupported(
                Path.of("/usr/bin/redis-server"), new DatastoreVersion("5.0", "5.0.14")))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(RedisErrorCode.INSTALLATION_INVALID)).isTrue());
  }

  @Test
  void missingBinaryNamesTheProperty(@TempDir Path directory) {
    assertThatThrownBy(() -> InstalledVersion.detect(directory.resolve("redis-server")))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.CONFIGURATION_INVALID)).isTrue();
              assertThat(e.getMessage()).contains("redis.server-binary");
            });
  }
}
