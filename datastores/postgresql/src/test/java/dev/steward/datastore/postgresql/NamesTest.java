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
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.tck.BaseNamingRulesTest;
import dev.steward.toolkit.validation.Printable;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest extends BaseNamingRulesTest {
  NamesTest() {
    super(
        List.of(Names.DATABASE::validate, Names.USER::validate),
        List.of("\"; DROP DATABASE postgres; --", ".hidden", "$dollar", "x".repeat(64)),
        GOOD);
  }

  private static final List<String> GOOD =
      List.of("a", "app", "App_1", "_x", "9lives", "my.db", "my-db", "cost$", "x".repeat(63));

  @Test
  void rejectsReservedDatabaseNamesCaseInsensitively() {
    for (String name : List.of("postgres", "template0", "template1", "Postgres", "TEMPLATE1")) {
      assertInvalidName(() -> Names.DATABASE.validate(name), name);
      assertInvalidName(() -> Names.EXISTING_DATABASE.validate(name), name);
    }
  }

  @Test
  void rejectsReservedUserNames() {
    for (String name :
        List.of(
            "postgres", "root", "ROOT", "public", "none", "current_user", "pg_x", "PG_monitor")) {
      assertInvalidName(() -> Names.USER.validate(name), name);
      assertInvalidName(() -> Names.EXISTING_USER.validate(name), name);
      assertThat(Names.isInternalUser(name)).as(name).isTrue();
    }
    assertThat(Names.isInternalUser("app")).isFalse();
    assertThat(Names.isInternalUser("pgx")).isFalse();
  }

  @Test
  void existingNamesAreCheckedLaxlyButSafely() {
    assertThatCode(() -> Names.EXISTING_DATABASE.validate("made by root!"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Names.EXISTING_USER.validate("Ünïcode")).doesNotThrowAnyException();
    assertInvalidName(() -> Names.EXISTING_USER.validate(""), "empty");
    assertInvalidName(() -> Names.EXISTING_USER.validate("a\0b"), "nul");
    assertInvalidName(() -> Names.EXISTING_USER.validate("ü".repeat(32)), "64 bytes");
  }

  @Test
  void messagesStayShortAndPrintable() {
    assertThatThrownBy(() -> Names.DATABASE.validate("x".repeat(10 * 1024) + "\n"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\n"));
    assertThat(Printable.of("a\nb\0c")).isEqualTo("'a?b?c'");
  }

  @Test
  void quotesIdentifiersAndLiterals() {
    assertThat(Names.quoteIdentifier("app")).isEqualTo("\"app\"");
    assertThat(Names.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Names.quoteIdentifier("\"; DROP TABLE x; --"))
        .isEqualTo("\"\"\"; DROP TABLE x; --\"");
    assertThat(Names.quoteLiteral("it's")).isEqualTo("'it''s'");
    assertThat(Names.quoteLiteral("a\\b")).isEqualTo("'a\\b'");
    assertInvalidName(() -> Names.quoteIdentifier("a\0b"), "nul");
  }

  @Test
  void mapsCharacterSetsToEncodings() {
    assertThat(Names.encoding("utf8")).isEqualTo("UTF8");
    assertThat(Names.encoding("UTF-8")).isEqualTo("UTF8");
    assertThat(Names.encoding("utf8mb4")).isEqualTo("UTF8");
    assertThat(Names.encoding("latin1")).isEqualTo("LATIN1");
    assertThat(Names.encoding("SQL_ASCII")).isEqualTo("SQL_ASCII");
    for (String bad : List.of("", "SJIS", "klingon", "UTF8'; --", "x".repeat(33), "utf 8")) {
      assertThatThrownBy(() -> Names.encoding(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
    }
  }

  @Test
  void validatesCollations() {
    for (String good : List.of("C", "POSIX", "C.UTF-8", "en_US.utf8", "de_DE@euro")) {
      assertThatCode(() -> Names.validateCollation(good)).as(good).doesNotThrowAnyException();
    }
    for (String bad : List.of("", "C'; DROP", "en US", ".x", "x".repeat(65))) {
      assertThatThrownBy(() -> Names.validateCollation(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
    }
  }
}
