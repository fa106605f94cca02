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
package dev.steward.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.server.http.Body;
import dev.steward.server.http.Paths;
import dev.steward.server.identity.IdentityFile;
import dev.steward.server.identity.PasswordHash;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins every server default and key, and the small parsers the API relies on. */
class ServerConfigTest {
  @TempDir Path directory;

  @Test
  void defaults() {
    ServerConfig config = ServerConfig.from(new PluginConfig("server", Map.of()), directory);
    assertThat(config.address()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8779);
    assertThat(config.publicUrl()).isEmpty();
    assertThat(config.identity()).isEqualTo("builtin");
    assertThat(config.identityFile()).isEqualTo(directory.resolve("identity.properties"));
    assertThat(config.tokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(config.noneRoles()).isEqualTo(Set.of("admin", "member"));
    assertThat(config.keystoneUrl()).isEmpty();
    assertThat(config.keystoneUser()).isEqualTo("trove");
    assertThat(config.keystonePassword()).isEmpty();
    assertThat(config.keystoneProject()).isEqualTo("service");
    assertThat(config.keystoneDomain()).isEqualTo("default");
    assertThat(config.keystoneCacheTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.region()).isEqualTo("RegionOne");
    assertThat(config.maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(config.operationWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.pageSize()).isEqualTo(20);
  }

  @Test
  void unknownKeysAndBadValuesFailNamingTheKey() {
    assertThatThrownBy(
            () -> ServerConfig.from(new PluginConfig("server", Map.of("prot", "1")), directory))
        .isInstanceOf(StewardException.class)
        .hasMessageContaining("server.prot");
    assertThatThrownBy(() ->
            ServerConfig.from(new PluginConfig("server", Map.of("identity", "ldap")), directory))
        .hasMessageContaining("server.identity");
    assertThatThrownBy(() ->
            ServerConfig.from(
                new PluginConfig("server", Map.of("identity", "keystone")), directory))
        .hasMessageContaining("server.keystone.url");
  }

  @Test
  void pathsDecodeTroveUserSegmentsStrictly() {
    assertThat(Paths.segments("/v1.0/p/instances/i/users/app%2euser%40%25/"))
        .containsExactly("v1.0", "p", "instances", "i", "users", "app.user@%");
    assertThat(Paths.query("limit=20&marker=a%2Bb&x"))
        .containsEntry("marker", "a+b")
        .containsEntry("x", "");
    assertThatThrownBy(() -> Paths.segments("/a%zz")).hasMessageContaining("percent-encoding");
    assertThatThrownBy(() -> Paths.segments("/a%ff")).hasMessageContaining("percent-encoding");
  }

  @Test
  void bodiesAreStrictAndNeverEchoValues() {
    assertThatThrownBy(() -> Body.parse("{\"a\":1,\"a\":2}".getBytes()))
        .hasMessageContaining("Malformed JSON");
    Body body = Body.parse("{\"user\":{\"password\":\"s3cret-value\",\"size\":\"12\"}}".getBytes());
    assertThat(body.object("user").optionalInteger("size")).contains(12);
    assertThatThrownBy(() -> body.object("user").optionalInteger("password"))
        .hasMessage("user.password must be an integer")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> body.only("other")).hasMessageContaining("Unknown key 'user'");
  }

  @Test
  void passwordsAreHashedAndTheFirstIdentityFileIsPrivate() throws Exception {
    String hash = PasswordHash.hash(Secret.of("correct horse"), 1000);
    assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct");
    assertThat(PasswordHash.matches(Secret.of("correct horse"), hash)).isTrue();
    assertThat(PasswordHash.matches(Secret.of("correct horsE"), hash)).isFalse();
    assertThat(PasswordHash.matches(Secret.of("x"), "garbage")).isFalse();
    Path file = directory.resolve("identity.properties");
    Path password = directory.resolve("admin-password");
    IdentityFile.initialize(file, password);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(password))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String secret = Files.readString(password).strip();
    assertThat(Files.readString(file)).doesNotContain(secret);
    IdentityFile identity = IdentityFile.read(file);
    assertThat(identity.user("admin"))
        .hasValueSatisfying(user -> {
          assertThat(user.roles()).contains("admin");
          assertThat(PasswordHash.matches(Secret.of(secret), user.passwordHash())).isTrue();
        });
    Files.writeString(file, "user.bob.colour = blue\n");
    assertThatThrownBy(() -> IdentityFile.read(file)).hasMessageContaining("user.bob.colour");
    assertThat(identity.staticToken("0".repeat(64))).isEqualTo(Optional.empty());
  }
}
