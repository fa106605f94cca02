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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.validation.NameRule;
import dev.steward.toolkit.validation.Printable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MySQL-family naming rules as Steward enforces them, per member.
 *
 * <p>Databases Steward creates: 1 to 64 characters of ASCII letters, digits, {@code _ $ -}, the
 * first a letter, digit or underscore; not {@code mysql}, {@code information_schema}, {@code
 * performance_schema} or {@code sys} (compared case-insensitively; names are otherwise
 * case-sensitive, as on Linux). Users: 1 to 32 (MySQL) or 80 (MariaDB) characters of ASCII letters,
 * digits, {@code _ $ . -}, the first a letter, digit or underscore; not Steward's {@code os_admin},
 * not {@code root} (the root account), not a system account ({@code mysql.*}, {@code mariadb.sys},
 * {@code PUBLIC}, ...). Hosts: {@code %} by default, else 1 to 255 characters of a host pattern
 * (letters, digits, {@code . % _ : / -}). Names are always sent backtick-quoted or as escaped
 * string literals.
 *
 * <p>Existing objects (found, dropped, revoked) get a laxer check, because the root account may
 * have created names outside these rules: not empty, within the length limit, no NUL or backslash,
 * not reserved.
 */
final class Names {
  static final int MAX_DATABASE_LENGTH = 64;
  static final int MAX_HOST_LENGTH = 255;

  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_$-]*");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_$.-]*");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.%_:/-]+");
  private static final Pattern CHARACTER_SET = Pattern.compile("[A-Za-z0-9_]{1,32}");
  private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private static final NameRule HOST_RULE =
      wellFormed("host", MAX_HOST_LENGTH)
          .pattern(HOST, "is not a host pattern such as % or 10.0.0.%")
          .build();

  private final Distribution distribution;
  private final NameRule database;
  private final NameRule existingDatabase;
  private final NameRule user;
  private final NameRule existingUser;

  Names(Distribution distribution) {
    this.distribution = requireNonNull(distribution, "distribution is null");
    this.database =
        wellFormed("database", MAX_DATABASE_LENGTH)
            .pattern(
                DATABASE,
                "may hold only ASCII letters, digits and _ $ - and must start with a letter, digit"
                    + " or _")
            .notReserved(this::isSystemDatabase)
            .build();
    this.existingDatabase =
        wellFormed("database", MAX_DATABASE_LENGTH).notReserved(this::isSystemDatabase).build();
    this.user =
        wellFormed("user", distribution.maxUserNameLength())
            .pattern(
                USER,
                "may hold only ASCII letters, digits and _ $ . - and must start with a letter,"
                    + " digit or _")
            .notReserved(distribution::isInternalUser)
            .build();
    this.existingUser =
        wellFormed("user", distribution.maxUserNameLength())
            .notReserved(distribution::isInternalUser)
            .build();
  }

  void validateDatabaseName(String name) {
    database.validate(name);
  }

  void requireExistingDatabaseName(String name) {
    existingDatabase.validate(name);
  }

  boolean isSystemDatabase(String name) {
    return distribution.systemDatabases().contains(name.toLowerCase(Locale.ROOT));
  }

  void validateUser(UserRef ref) {
    user.validate(ref.name());
    validateHost(ref.host());
  }

  void requireExistingUser(UserRef ref) {
    existingUser.validate(ref.name());
    validateHost(ref.host());
  }

  void validateHost(String host) {
    HOST_RULE.validate(host);
  }

  static void validateCharacterSet(String characterSet) {
    if (!CHARACTER_SET.matcher(characterSet).matches()) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Character set " + printable(characterSet) + " is not a character set name");
    }
  }

  static void validateCollation(String collation) {
    if (!COLLATION.matcher(collation).matches()) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Collation " + printable(collation) + " is not a collation name");
    }
  }

  /** A name shortened and stripped of control characters, safe for messages. */
  static String printable(String name) {
    return Printable.of(name);
  }

  /** Not empty, within the limit (in characters), no NUL and no backslash. */
  private static NameRule.Builder wellFormed(String kind, int limit) {
    return NameRule.of(kind)
        .maxCodePoints(limit)
        .refuse(c -> c == 0 || c == '\\', "contains a NUL or backslash character");
  }
}
