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
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        List.of("$(reboot)", "名前", "ユーザー", "café", "{\"$ne\": 1}"),
        List.of());
  }

  @Test
  void acceptsPortableDatabaseNames() {
    for (String name : List.of("sales", "Sales_2024", "a-b", "_x", "9lives", "d".repeat(63))) {
      assertThatCode(() -> Names.DATABASE.validate(name)).as(name).doesNotThrowAnyException();
    }
  }

  @Test
  void refusesEveryCharacterMongodbForbidsInDatabaseNames() {
    for (char forbidden : "/\\. \"$*<>:|?\0".toCharArray()) {
      String name = "a" + forbidden + "b";
      assertThatThrownBy(() -> Names.DATABASE.validate(name))
          .as("%s", (int) forbidden)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_NAME)).isTrue());
    }
  }

  @Test
  void databaseNamesStayBelow64Bytes() {
    assertThatCode(() -> Names.DATABASE.validate("d".repeat(63))).doesNotThrowAnyException();
    assertThatThrownBy(() -> Names.DATABASE.validate("d".repeat(64)))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.INVALID_NAME)).isTrue();
              assertThat(e.getMessage()).contains("64 bytes").contains("limit is 63");
            });
  }

  @Test
  void reservesMongodbsOwnDatabasesInAnyCase() {
    for (String name : List.of("admin", "local", "config", "ADMIN", "Local", "CONFIG")) {
      assertInvalidName(() -> Names.DATABASE.validate(name), name);
      assertInvalidName(() -> Names.EXISTING_DATABASE.validate(name), name);
    }
  }

  @Test
  void existingDatabaseNamesGetTheLaxCheck() {
    assertThatCode(() -> Names.EXISTING_DATABASE.validate("made.by root"))
        .doesNotThrowAnyException();
    assertInvalidName(() -> Names.EXISTING_DATABASE.validate(""), "empty");
    assertInvalidName(() -> Names.EXISTING_DATABASE.validate("a\0b"), "NUL");
    assertInvalidName(() -> Names.EXISTING_DATABASE.validate("x".repeat(64)), "64 bytes");
  }

  @Test
  void acceptsPortableUserNames() {
    for (String name : List.of("alice", "bob.smith", "app-user_1", "_svc", "u".repeat(63))) {
      assertThatCode(() -> Names.USER.validate(name)).as(name).doesNotThrowAnyException();
    }
  }

  @Test
  void userNamesStayBelow64Bytes() {
    assertInvalidName(() -> Names.USER.validate("u".repeat(64)), "64 bytes");
  }

  @Test
  void reservesRootTheAdministratorAndMongodbsInternalUsers() {
    for (String name : List.of("root", "ROOT", "steward_admin", "Steward_Admin", "__system")) {
      assertInvalidName(() -> Names.USER.validate(name), name);
      assertInvalidName(() -> Names.requireExistingUser(UserRef.of(name)), name);
      assertThat(Names.isInternalUser(name)).as(name).isTrue();
    }
    assertThat(Names.isInternalUser("alice")).isFalse();
  }

  @Test
  void usersAreNotHostQualified() {
    assertThatThrownBy(() -> Names.requireExistingUser(new UserRef("alice", "localhost")))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
    assertThatCode(() -> Names.requireExistingUser(UserRef.of("made.by root")))
        .doesNotThrowAnyException();
  }

  @Test
  void passwordsAreCheckedWithoutShowingThem() {
    String secret = "Secret-\0-value";
    for (String password : List.of("", "x".repeat(1025), secret)) {
      assertThatThrownBy(() -> Names.PASSWORD.validate(Secret.of(password)))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> {
                assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue();
                assertThat(e.getMessage()).doesNotContain("Secret-");
              });
    }
    assertThatCode(() -> Names.PASSWORD.validate(Secret.of("x".repeat(1024))))
        .doesNotThrowAnyException();
  }

  @Test
  void messagesShowShortenedPrintableNames() {
    assertThat(Printable.of("a\nb")).isEqualTo("'a?b'");
    assertThat(Printable.of("x".repeat(100))).hasSize(64 + 5);
  }
}
