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
package dev.steward.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import dev.steward.tck.BaseNamingRulesTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest extends BaseNamingRulesTest {
  NamesTest() {
    super(
        List.of(
            new Names(new MariadbDistribution())::validateDatabaseName,
            name -> new Names(new MariadbDistribution()).validateUser(UserRef.of(name)),
            name -> new Names(new MysqlDistribution()).validateUser(UserRef.of(name))),
        List.of("`; DROP DATABASE mysql; --", ".hidden", "$dollar", "a/b"),
        List.of());
  }

  private final Names mariadb = new Names(new MariadbDistribution());
  private final Names mysql = new Names(new MysqlDistribution());

  private static final List<String> GOOD_DATABASES =
      List.of("a", "app", "App_1", "_x", "9lives", "my-db", "cost$", "x".repeat(64));

  @Test
  void acceptsGoodDatabaseNames() {
    for (String name : GOOD_DATABASES) {
      assertThatCode(() -> mariadb.validateDatabaseName(name)).as(name).doesNotThrowAnyException();
    }
  }

  @Test
  void databaseNamesHoldNoDotAndAtMost64Characters() {
    assertInvalidName(() -> mariadb.validateDatabaseName("my.db"), "dot in a database");
    assertInvalidName(() -> mariadb.validateDatabaseName("x".repeat(65)), "65");
  }

  @Test
  void rejectsReservedNamesCaseInsensitively() {
    for (String name :
        List.of("mysql", "MySQL", "information_schema", "PERFORMANCE_SCHEMA", "sys", "Sys")) {
      assertInvalidName(() -> mariadb.validateDatabaseName(name), name);
      assertInvalidName(() -> mariadb.requireExistingDatabaseName(name), name);
      assertInvalidName(() -> mariadb.validateUser(UserRef.of(name)), name);
    }
    for (String name :
        List.of("root", "ROOT", "os_admin", "mariadb.sys", "PUBLIC", "mysql.session", "mysql.x")) {
      assertInvalidName(() -> mariadb.validateUser(UserRef.of(name)), name);
      assertInvalidName(() -> mariadb.requireExistingUser(UserRef.of(name)), name);
    }
    for (String name : List.of("mysql.sys", "mysql.infoschema", "root", "os_admin")) {
      assertInvalidName(() -> mysql.validateUser(UserRef.of(name)), name);
    }
  }

  @Test
  void userNameLengthIsPerMember() {
    assertThatCode(() -> mysql.validateUser(UserRef.of("u".repeat(32)))).doesNotThrowAnyException();
    assertInvalidName(() -> mysql.validateUser(UserRef.of("u".repeat(33))), "33 on MySQL");
    assertThatCode(() -> mariadb.validateUser(UserRef.of("u".repeat(80))))
        .doesNotThrowAnyException();
    assertInvalidName(() -> mariadb.validateUser(UserRef.of("u".repeat(81))), "81 on MariaDB");
    assertThatCode(() -> mariadb.validateUser(UserRef.of("app.reader-1$")))
        .doesNotThrowAnyException();
  }

  @Test
  void hostsAreHostPatterns() {
    for (String host :
        List.of("%", "10.0.0.%", "192.168.1.0/255.255.255.0", "db_1.example", "::1")) {
      assertThatCode(() -> mariadb.validateUser(new UserRef("app", host)))
          .as(host)
          .doesNotThrowAnyException();
    }
    for (String host : List.of("", "a'b", "a b", "x`", "h\\", "h".repeat(256), "%'; --")) {
      assertInvalidName(() -> mariadb.validateUser(new UserRef("app", host)), host);
    }
  }

  @Test
  void existingNamesAreCheckedLaxlyButSafely() {
    assertThatCode(() -> mariadb.requireExistingDatabaseName("made by root!"))
        .doesNotThrowAnyException();
    assertThatCode(() -> mariadb.requireExistingUser(UserRef.of("Ünïcode user")))
        .doesNotThrowAnyException();
    assertInvalidName(() -> mariadb.requireExistingDatabaseName(""), "empty");
    assertInvalidName(() -> mariadb.requireExistingDatabaseName("a\\b"), "backslash");
    assertInvalidName(() -> mariadb.requireExistingUser(UserRef.of("a\0b")), "nul");
  }

  @Test
  void characterSetsAndCollationsAreWords() {
    assertThatCode(() -> Names.validateCharacterSet("utf8mb4")).doesNotThrowAnyException();
    assertThatCode(() -> Names.validateCollation("utf8mb4_0900_ai_ci")).doesNotThrowAnyException();
    for (String bad : List.of("", "utf8; DROP", "utf-8", "x".repeat(33), "utf8'")) {
      assertThatThrownBy(() -> Names.validateCharacterSet(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
    }
    assertThatThrownBy(() -> Names.validateCollation("bin COLLATE x"))
        .isInstanceOf(StewardException.class);
  }

  @Test
  void messagesStayShortAndPrintable() {
    assertThatThrownBy(() -> mariadb.validateDatabaseName("x".repeat(10 * 1024) + "\n"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\n"));
  }
}
