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

import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.validation.AnyHost;
import dev.steward.toolkit.validation.NameRule;
import dev.steward.toolkit.validation.PasswordRule;
import dev.steward.toolkit.validation.ReservedNames;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MongoDB naming rules, as Steward enforces them. Every name travels as a BSON string value, never
 * spliced into text, so the rules are about what MongoDB accepts and what stays portable, not about
 * quoting.
 *
 * <p>Databases: MongoDB refuses {@code / \ . " $ * < > : | ?}, space and NUL and names of 64 bytes
 * or more, and reserves {@code admin}, {@code local} and {@code config}. Steward accepts the
 * portable subset: 1 to 63 ASCII letters, digits, {@code _} and {@code -}, the first a letter,
 * digit or {@code _}. MongoDB treats database names that differ only in case as the same name (a
 * second one is refused), so reserved names are compared case-insensitively.
 *
 * <p>Users (all kept in the {@code admin} database): 1 to 63 ASCII letters, digits and {@code _ .
 * -}, the first a letter, digit or {@code _}. Reserved, case-insensitively: {@code root} (the root
 * account), Steward's internal administrator {@code steward_admin}, and every name starting with
 * {@code __} (MongoDB's internal {@code __system}). MongoDB users are not host-qualified, so only
 * the host {@code %} names one.
 *
 * <p>Existing names (looked up, dropped, granted) get a laxer check, because the root user may have
 * created names outside these rules: not empty, at most 63 bytes (users: 1024), no NUL, not
 * reserved.
 */
final class Names {
  static final int MAX_DATABASE_BYTES = 63;
  static final int MAX_USER_BYTES = 63;
  static final int MAX_EXISTING_USER_BYTES = 1024;
  static final int MAX_PASSWORD_LENGTH = 1024;

  /** Steward's internal administrator, in the admin database with role root. */
  static final String ADMIN_USER = "steward_admin";

  /** The tenant's root account, in the admin database with role root. */
  static final String ROOT_USER = "root";

  /** The database holding every user. */
  static final String AUTH_DATABASE = "admin";

  static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

  /** Characters MongoDB itself refuses in a database name (Unix and Windows rules together). */
  static final String FORBIDDEN_DATABASE_CHARACTERS = "/\\. \"$*<>:|?";

  private static final Pattern DATABASE_PATTERN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
  private static final Pattern USER_PATTERN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final ReservedNames RESERVED_USERS =
      ReservedNames.of(ROOT_USER, ADMIN_USER).withPrefix("__");
  private static final ReservedNames RESERVED_DATABASES =
      new ReservedNames(SYSTEM_DATABASES, List.of());
  static final NameRule EXISTING_DATABASE =
      wellFormed("database", MAX_DATABASE_BYTES).notReserved(RESERVED_DATABASES).build();
  static final NameRule DATABASE =
      wellFormed("database", MAX_DATABASE_BYTES)
          .notReserved(RESERVED_DATABASES)
          .refuseEach(FORBIDDEN_DATABASE_CHARACTERS)
          .pattern(
              DATABASE_PATTERN,
              "may hold only ASCII letters, digits, _ and - and must start with a letter, digit or"
                  + " _")
          .build();
  static final NameRule USER =
      wellFormed("user", MAX_USER_BYTES)
          .pattern(
              USER_PATTERN,
              "may hold only ASCII letters, digits and _ . - and must start with a letter, digit or"
                  + " _")
          .notReserved(RESERVED_USERS)
          .build();
  private static final NameRule EXISTING_USER =
      wellFormed("user", MAX_EXISTING_USER_BYTES).notReserved(RESERVED_USERS).build();
  static final PasswordRule PASSWORD = PasswordRule.characters(MAX_PASSWORD_LENGTH);

  private Names() {}

  /** The lax check for a user that may exist already; only the host {@code %}. */
  static void requireExistingUser(UserRef user) {
    AnyHost.require(user, "MongoDB");
    EXISTING_USER.validate(user.name());
  }

  static boolean isSystemDatabase(String name) {
    return RESERVED_DATABASES.contains(name);
  }

  /** Whether a user is MongoDB's or Steward's own (never listed, never touched as a user). */
  static boolean isInternalUser(String name) {
    return RESERVED_USERS.contains(name);
  }

  private static NameRule.Builder wellFormed(String kind, int maxBytes) {
    return NameRule.of(kind).maxUtf8Bytes(maxBytes).refuseNul();
  }
}
