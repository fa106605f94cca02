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

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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

  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Set<String> RESERVED_USERS = Set.of(ROOT_USER, ADMIN_USER);

  private Names() {}

  static void validateDatabaseName(String name) {
    requireExistingDatabaseName(name);
    for (int i = 0; i < name.length(); i++) {
      if (FORBIDDEN_DATABASE_CHARACTERS.indexOf(name.charAt(i)) >= 0) {
        throw invalidName("database", name, "contains '" + name.charAt(i) + "'");
      }
    }
    if (!DATABASE.matcher(name).matches()) {
      throw invalidName(
          "database",
          name,
          "may hold only ASCII letters, digits, _ and - and must start with a letter, digit or _");
    }
  }

  static void validateUserName(String name) {
    requireWellFormed("user", name, MAX_USER_BYTES);
    if (!USER.matcher(name).matches()) {
      throw invalidName(
          "user",
          name,
          "may hold only ASCII letters, digits and _ . - and must start with a letter, digit or _");
    }
    requireUnreservedUser(name);
  }

  /** The lax check for a database that may exist already. */
  static void requireExistingDatabaseName(String name) {
    requireWellFormed("database", name, MAX_DATABASE_BYTES);
    if (isSystemDatabase(name)) {
      throw invalidName("database", name, "is reserved");
    }
  }

  /** The lax check for a user that may exist already; only the host {@code %}. */
  static void requireExistingUser(UserRef user) {
    requireAnyHost(user);
    requireWellFormed("user", user.name(), MAX_EXISTING_USER_BYTES);
    requireUnreservedUser(user.name());
  }

  static boolean isSystemDatabase(String name) {
    return SYSTEM_DATABASES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Whether a user is MongoDB's or Steward's own (never listed, never touched as a user). */
  static boolean isInternalUser(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return RESERVED_USERS.contains(lower) || lower.startsWith("__");
  }

  /** MongoDB users are not host-qualified: only {@code %} names one. */
  static void requireAnyHost(UserRef user) {
    if (!UserRef.ANY_HOST.equals(user.host())) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "MongoDB users are not host-qualified; the host must be '%'");
    }
  }

  /** Non-empty, at most 1024 characters, no NUL; the message never shows the password. */
  static void validatePassword(Secret password) {
    String value = password.reveal();
    if (value.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "The password is empty");
    }
    if (value.length() > MAX_PASSWORD_LENGTH) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "The password is longer than " + MAX_PASSWORD_LENGTH + " characters");
    }
    if (value.indexOf('\0') >= 0) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT, "The password contains a NUL character");
    }
  }

  /** A name shortened and stripped of control characters, safe for messages. */
  static String printable(String name) {
    String shortened = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    StringBuilder result = new StringBuilder(shortened.length() + 2).append('\'');
    shortened
        .codePoints()
        .forEach(c -> result.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return result.append('\'').toString();
  }

  private static void requireWellFormed(String kind, String name, int maxBytes) {
    if (name.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_NAME, "The " + kind + " name is empty");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw invalidName(kind, name, "is " + bytes + " bytes long; the limit is " + maxBytes);
    }
    if (name.indexOf('\0') >= 0) {
      throw invalidName(kind, name, "contains a NUL character");
    }
  }

  private static void requireUnreservedUser(String name) {
    if (isInternalUser(name)) {
      throw invalidName("user", name, "is reserved");
    }
  }

  private static StewardException invalidName(String kind, String name, String problem) {
    return new StewardException(
        StandardErrorCode.INVALID_NAME, "The " + kind + " name " + printable(name) + " " + problem);
  }
}
