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

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming rules Steward enforces for etcd.
 *
 * <p>etcd itself accepts any non-empty string as a user or role name. Steward is stricter, so that
 * names are safe in messages, in etcdctl commands an operator may type, and as key prefixes: 1 to
 * 63 characters of ASCII letters, digits and {@code _ . -}, the first a letter, digit or
 * underscore. In particular a database name never holds {@code /}, so that the key prefixes of two
 * databases ({@code /<name>/}) never overlap. Names are case-sensitive, as in etcd.
 *
 * <p>Reserved user names, compared case-insensitively: {@code root} (the tenant's root account,
 * which etcd requires for authentication) and every name starting with {@code steward_} (Steward's
 * own {@code steward_admin} and future internal users). There are no reserved database names:
 * Steward keeps no keys of its own.
 *
 * <p>Existing names (found, dropped, revoked) get a laxer check, because the root user may have
 * created users outside these rules with etcdctl: not empty, at most 255 characters, no control
 * character, not reserved.
 *
 * <p>Passwords: 1 to 72 bytes of UTF-8. etcd hashes passwords with bcrypt, which ignores every byte
 * after the 72nd (measured on etcd 3.4.23: a 100-byte password also accepts any other suffix after
 * its first 72 bytes), and it accepts an empty password; Steward refuses both.
 */
final class Names {
  static final int MAX_LENGTH = 63;
  static final int MAX_EXISTING_LENGTH = 255;
  static final int MAX_PASSWORD_BYTES = 72;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Set<String> RESERVED_USERS = Set.of("root");
  private static final String RESERVED_USER_PREFIX = "steward_";

  private Names() {}

  static void validateDatabaseName(String name) {
    validate("database", name);
  }

  static void validateUserName(String name) {
    validate("user", name);
    requireUnreservedUser(name);
  }

  /** The user reference of a request: a valid name and the only host etcd knows, {@code %}. */
  static void validateUser(UserRef user) {
    validateUserName(user.name());
    requireAnyHost(user);
  }

  static void requireAnyHost(UserRef user) {
    if (!UserRef.ANY_HOST.equals(user.host())) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "etcd users are not bound to client hosts; the host must be %, was "
              + printable(user.host()));
    }
  }

  static void requireExistingDatabaseName(String name) {
    requireWellFormed("database", name);
  }

  static void requireExistingUserName(String name) {
    requireWellFormed("user", name);
    requireUnreservedUser(name);
  }

  /** Whether a user is etcd's {@code root} or one of Steward's own (never listed as a user). */
  static boolean isInternalUser(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return RESERVED_USERS.contains(lower) || lower.startsWith(RESERVED_USER_PREFIX);
  }

  static void validatePassword(Secret password) {
    String value = password.reveal();
    if (value.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "The password is empty");
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PASSWORD_BYTES) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "The password is "
              + bytes
              + " bytes long; etcd's bcrypt uses at most "
              + MAX_PASSWORD_BYTES);
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

  private static void validate(String kind, String name) {
    if (name.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_NAME, "The " + kind + " name is empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw invalidName(
          kind, name, "is " + name.length() + " characters long; the limit is " + MAX_LENGTH);
    }
    if (!NAME.matcher(name).matches()) {
      throw invalidName(
          kind,
          name,
          "may hold only ASCII letters, digits and _ . - and must start with a letter, digit or"
              + " _");
    }
  }

  private static void requireWellFormed(String kind, String name) {
    if (name.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_NAME, "The " + kind + " name is empty");
    }
    if (name.length() > MAX_EXISTING_LENGTH) {
      throw invalidName(kind, name, "is longer than " + MAX_EXISTING_LENGTH + " characters");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw invalidName(kind, name, "contains a control character");
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
