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

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclRulesTest {
  /** SHA-256 of "password", as Redis's {@code ACL GETUSER} shows it. */
  private static final String PASSWORD_HASH =
      "#5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

  private static final Secret PASSWORD = Secret.of("password");

  @Test
  void hashesLikeRedis() {
    assertThat(AclRules.passwordHashRule(PASSWORD)).isEqualTo(PASSWORD_HASH);
    // UTF-8 bytes, as Lettuce sends them with AUTH.
    assertThat(AclRules.passwordHashRule(Secret.of("p\u00e4ssw\u00f6rd")))
        .isEqualTo("#46970bef70aced8123f0d5d094717e2a5cd412041e03b26376049fe65b2834a4");
  }

  @Test
  void userRulesNeverReachAdministration() {
    assertThat(AclRules.user(PASSWORD))
        .containsExactly(
            "reset",
            "on",
            PASSWORD_HASH,
            "~*",
            "&*",
            "+@all",
            "-@admin",
            "-@dangerous",
            "-acl",
            "-config",
            "-shutdown",
            "-debug",
            "-module");
  }

  @Test
  void rootRulesKeepTheControlPlaneOut() {
    assertThat(AclRules.rootEnabled(PASSWORD))
        .containsExactly(
            "reset",
            "on",
            PASSWORD_HASH,
            "~*",
            "&*",
            "+@all",
            "-acl",
            "+acl|whoami",
            "+acl|cat",
            "-config",
            "-shutdown",
            "-debug",
            "-module",
            "-replicaof",
            "-slaveof",
            "-failover");
    assertThat(AclRules.rootDisabled()).containsExactly("reset");
  }

  @Test
  void adminHasEverything() {
    assertThat(AclRules.admin(PASSWORD))
        .containsExactly("reset", "on", PASSWORD_HASH, "~*", "&*", "+@all");
    assertThat(AclRules.newPassword(PASSWORD)).containsExactly("resetpass", PASSWORD_HASH);
  }

  @Test
  void aclFileHoldsOnlyHashes() {
    Secret admin = Secret.of("Admin-secret-1");
    String file = AclRules.aclFile(admin);
    assertThat(file)
        .isEqualTo(
            "user default reset\nuser steward_admin reset on "
                + AclRules.passwordHashRule(admin)
                + " ~* &* +@all\n")
        .doesNotContain(admin.reveal());
  }

  @Test
  void setUserCommand() {
    assertThat(EngineConnections.setUserArguments("alice", List.of("resetpass", PASSWORD_HASH)))
        .containsExactly("SETUSER", "alice", "resetpass", PASSWORD_HASH);
  }

  @Test
  void passwordRulesNeverShowThePassword() {
    assertInvalid(Secret.of(""));
    assertInvalid(Secret.of("Secret-x".repeat(200)));
    assertInvalid(Secret.of("Secret-\0-x"));
    AclRules.validatePassword(Secret.of("with spaces and 'quotes' \"and\" ;$(x)"));
    AclRules.validatePassword(Secret.of("x".repeat(1024)));
  }

  private static void assertInvalid(Secret password) {
    assertThatThrownBy(() -> AclRules.validatePassword(password))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue();
              if (!password.reveal().isEmpty()) {
                assertThat(e.getMessage()).doesNotContain("Secret-");
              }
            });
  }
}
