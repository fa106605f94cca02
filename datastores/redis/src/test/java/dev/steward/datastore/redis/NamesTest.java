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
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void acceptsOrdinaryNames() {
    for (String name :
        List.of("alice", "Bob.B", "app-user_1", "_service", "9lives", "a", "x".repeat(64))) {
      assertThatCode(() -> Names.validateUserName(name)).as(name).doesNotThrowAnyException();
    }
  }

  @Test
  void refusesHostileNames() {
    List<String> hostile =
        List.of(
            "a\"b",
            "a'b",
            "a`b",
            "x; DROP ROLE y",
            "a b",
            "a\tb",
            "a\nb",
            "a\0b",
            "$(id)",
            "`reboot`",
            ">password",
            "~*",
            "+@all",
            "-flag",
            ".hidden",
            "ユーザー",
            "naïve",
            "",
            "x".repeat(65),
            "u".repeat(10_000),
            "../etc");
    for (String name : hostile) {
      assertCode(() -> Names.validateUserName(name), StandardErrorCode.INVALID_NAME);
    }
  }

  @Test
  void refusesReservedNamesInAnyCase() {
    for (String name :
        List.of(
            "default", "DEFAULT", "Default", "steward_admin", "Steward_Admin", "steward_repl")) {
      assertCode(() -> Names.validateUserName(name), StandardErrorCode.INVALID_NAME);
      assertCode(() -> Names.requireExistingUserName(name), StandardErrorCode.INVALID_NAME);
      assertThat(Names.isInternalUser(name)).as(name).isTrue();
    }
    assertThat(Names.isInternalUser("alice")).isFalse();
    assertThat(Names.isInternalUser("stewardess")).isFalse();
  }

  @Test
  void existingNamesGetTheLaxCheck() {
    assertThatCode(() -> Names.requireExistingUserName("名前")).doesNotThrowAnyException();
    assertThatCode(() -> Names.requireExistingUserName("x".repeat(1024)))
        .doesNotThrowAnyException();
    for (String name : List.of("", "a b", "a\0b", "a\nb", "x".repeat(1025))) {
      assertCode(() -> Names.requireExistingUserName(name), StandardErrorCode.INVALID_NAME);
    }
  }

  @Test
  void usersAreNotHostQualified() {
    assertThatCode(() -> Names.requireAnyHost(UserRef.of("alice"))).doesNotThrowAnyException();
    assertCode(
        () -> Names.requireAnyHost(new UserRef("alice", "10.0.0.1")),
        StandardErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void messagesShowAPrintableShortName() {
    assertThatThrownBy(() -> Names.validateUserName("a\nb" + "c".repeat(100)))
        .hasMessageContaining("'a?bcccc")
        .hasMessageContaining("...'")
        .hasMessageNotContaining("\n");
  }

  private static void assertCode(Runnable action, ErrorCodeSupplier code) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.errorCode()).isEqualTo(code.toErrorCode()));
  }
}
