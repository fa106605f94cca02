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
package org.example.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import dev.steward.tck.BaseNamingRulesTest;
import dev.steward.toolkit.validation.Printable;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest extends BaseNamingRulesTest {
  NamesTest() {
    super(
        List.of(Names.DATABASE::validate, Names.USER::validate),
        List.of("a/b", "/", ".hidden", "db:x", "a*", "x".repeat(64)),
        GOOD);
  }

  private static final List<String> GOOD =
      List.of("a", "app", "App_1", "_x", "9lives", "my.db", "my-db", "x".repeat(63));

  @Test
  void reservesRootAndStewardsOwnUsersCaseInsensitively() {
    for (String name : List.of("root", "ROOT", "Root", "steward_admin", "STEWARD_x", "steward_")) {
      assertCode(() -> Names.USER.validate(name), StandardErrorCode.INVALID_NAME, name);
      assertCode(() -> Names.EXISTING_USER.validate(name), StandardErrorCode.INVALID_NAME, name);
      assertThat(Names.isInternalUser(name)).as(name).isTrue();
    }
    assertThat(Names.isInternalUser("rooted")).isFalse();
    assertThat(Names.isInternalUser("steward")).isFalse();
    assertThatCode(() -> Names.DATABASE.validate("root")).doesNotThrowAnyException();
  }

  @Test
  void existingNamesAreCheckedLaxlyButSafely() {
    assertThatCode(() -> Names.EXISTING_DATABASE.validate("made by root!"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Names.EXISTING_USER.validate("Ünïcode")).doesNotThrowAnyException();
    for (String bad : List.of("", "a\0b", "a\nb", "x".repeat(256))) {
      assertCode(() -> Names.EXISTING_USER.validate(bad), StandardErrorCode.INVALID_NAME, bad);
      assertCode(() -> Names.EXISTING_DATABASE.validate(bad), StandardErrorCode.INVALID_NAME, bad);
    }
  }

  @Test
  void onlyTheAnyHostIsAccepted() {
    assertThatCode(() -> Names.validateUser(UserRef.of("app"))).doesNotThrowAnyException();
    assertCode(
        () -> Names.validateUser(new UserRef("app", "10.0.0.1")),
        StandardErrorCode.INVALID_ARGUMENT,
        "host");
  }

  @Test
  void passwordsAreOneToSeventyTwoBytes() {
    assertThatCode(() -> Names.PASSWORD.validate(Secret.of("x"))).doesNotThrowAnyException();
    assertThatCode(() -> Names.PASSWORD.validate(Secret.of("x".repeat(72))))
        .doesNotThrowAnyException();
    assertThatCode(() -> Names.PASSWORD.validate(Secret.of("ü".repeat(36))))
        .doesNotThrowAnyException();
    for (String bad : List.of("", "x".repeat(73), "ü".repeat(37))) {
      assertCode(
          () -> Names.PASSWORD.validate(Secret.of(bad)),
          StandardErrorCode.INVALID_ARGUMENT,
          "length " + bad.length());
    }
  }

  @Test
  void messagesStayShortPrintableAndWithoutPasswords() {
    assertThatThrownBy(() -> Names.DATABASE.validate("x".repeat(10 * 1024) + "\n"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\n"));
    assertThat(Printable.of("a\nb\0c")).isEqualTo("'a?b?c'");
    String password = "secret-" + "y".repeat(80);
    assertThatThrownBy(() -> Names.PASSWORD.validate(Secret.of(password)))
        .hasMessageNotContaining(password.substring(0, 10));
  }

  private static void assertCode(Runnable check, ErrorCodeSupplier code, String what) {
    assertThatThrownBy(check::run)
        .as(Printable.of(what))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(code)).as(e.getMessage()).isTrue());
  }
}
