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
package dev.steward.toolkit.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ValidationRulesTest {
  private static final NameRule RULE =
      NameRule.of("database")
          .maxUtf8Bytes(8)
          .refuseNul()
          .refuseEach("/.")
          .pattern(Pattern.compile("[a-z][a-z0-9]*"), "may hold only a-z and digits")
          .notReserved(ReservedNames.of("Admin").withPrefix("sys_"))
          .build();

  @Test
  void aNameRulePassesWhatItsChecksAccept() {
    assertThatCode(() -> RULE.validate("orders1")).doesNotThrowAnyException();
  }

  @Test
  void aNameRuleRefusesWithInvalidNameAndTheFirstProblem() {
    assertRefused("", "The database name is empty");
    assertRefused("ordersandmore", "is 13 bytes long; the limit is 8");
    assertRefused("ééééé", "is 10 bytes long; the limit is 8");
    assertRefused("a\0b", "contains a NUL character");
    assertRefused("a.b", "contains '.'");
    assertRefused("Orders", "may hold only a-z and digits");
    assertRefused("admin", "is reserved");
    assertRefused("sys_x", "may hold only");
  }

  @Test
  void reservedNamesCompareCaseInsensitivelyWithPrefixes() {
    ReservedNames reserved = ReservedNames.of("root").withPrefix("steward_");
    assertThat(reserved.contains("ROOT")).isTrue();
    assertThat(reserved.contains("Steward_Admin")).isTrue();
    assertThat(reserved.contains("rooted")).isFalse();
  }

  @Test
  void lengthLimitsCountWhatTheEngineCounts() {
    NameRule characters = NameRule.of("user").maxCharacters(2).build();
    NameRule codePoints = NameRule.of("user").maxCodePoints(2).build();
    String twoEmoji = "\uD83D\uDE00\uD83D\uDE00";

    assertThatThrownBy(() -> characters.validate(twoEmoji)).hasMessageContaining("4 characters");
    assertThatCode(() -> codePoints.validate(twoEmoji)).doesNotThrowAnyException();
  }

  @Test
  void controlAndCustomCharactersAreRefused() {
    NameRule rule =
        NameRule.of("user").refuseControl().refuse(Character::isWhitespace, "has space").build();
    assertThatThrownBy(() -> rule.validate("a\tb")).hasMessageContaining("control character");
    assertThatThrownBy(() -> rule.validate("a b")).hasMessageContaining("has space");
  }

  @Test
  void printableShortensAndMasksControlCharacters() {
    assertThat(Printable.of("a\nb")).isEqualTo("'a?b'");
    assertThat(Printable.of("x".repeat(70))).isEqualTo("'" + "x".repeat(64) + "...'");
  }

  @Test
  void characterPasswordRule() {
    PasswordRule rule = PasswordRule.characters(4);
    assertThatCode(() -> rule.validate(Secret.of("abcd"))).doesNotThrowAnyException();
    assertPasswordRefused(rule, "", "The password is empty");
    assertPasswordRefused(rule, "abcde", "longer than 4 characters");
    assertPasswordRefused(rule, "a\0b", "NUL");
  }

  @Test
  void bytePasswordRuleCountsUtf8AndNeverShowsThePassword() {
    PasswordRule rule = PasswordRule.utf8Bytes(4);
    assertThatCode(() -> rule.validate(Secret.of("a\0bc"))).doesNotThrowAnyException();
    assertPasswordRefused(rule, "ééé", "is 6 bytes long; the limit is 4");
    assertThatThrownBy(() -> rule.validate(Secret.of("secretvalue")))
        .hasMessageNotContaining("secret");
  }

  @Test
  void anyHostAcceptsOnlyPercent() {
    assertThatCode(() -> AnyHost.require(new UserRef("alice", "%"), "Test"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> AnyHost.require(new UserRef("alice", "10.0.0.1"), "Test"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue())
        .hasMessageContaining("Test users are not host-qualified");
  }

  private static void assertRefused(String name, String message) {
    assertThatThrownBy(() -> RULE.validate(name))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.INVALID_NAME)).isTrue())
        .hasMessageContaining(message);
  }

  private static void assertPasswordRefused(PasswordRule rule, String password, String message) {
    assertThatThrownBy(() -> rule.validate(Secret.of(password)))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue())
        .hasMessageContaining(message);
  }
}
