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

import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.validation.AnyHost;
import dev.steward.toolkit.validation.NameRule;
import dev.steward.toolkit.validation.Printable;
import dev.steward.toolkit.validation.ReservedNames;
import java.util.regex.Pattern;

/**
 * Redis ACL user naming rules, as Steward enforces them.
 *
 * <p>Names of users Steward creates: 1 to 64 characters, ASCII letters, digits and {@code _ . -},
 * the first character a letter, digit or underscore. Redis compares names case-sensitively; so does
 * Steward, except for reserved names, which are compared case-insensitively: {@code default}
 * (Redis's own user, which Steward manages as the root account), {@code steward_admin} (Steward's
 * internal administrator) and every name starting with {@code steward_} (kept for Steward's future
 * internal users, such as a replication user).
 *
 * <p>Names of users that may exist already (found, dropped, changed) are held to a laxer check that
 * still keeps anything out that Redis itself refuses: not empty, at most 1024 bytes, no whitespace
 * or control characters, not reserved. Names travel as RESP bulk strings, never inside a command
 * text, so no quoting is involved.
 */
final class Names {
  static final int MAX_LENGTH = 64;
  static final int MAX_EXISTING_BYTES = 1024;
  static final String DEFAULT_USER = "default";
  static final String ADMIN_USER = "steward_admin";
  static final String INTERNAL_PREFIX = "steward_";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final ReservedNames RESERVED =
      ReservedNames.of(DEFAULT_USER).withPrefix(INTERNAL_PREFIX);
  private static final NameRule EXISTING = wellFormed().notReserved(RESERVED).build();
  private static final NameRule NEW =
      wellFormed()
          .maxCharacters(MAX_LENGTH)
          .pattern(
              NAME,
              "may hold only ASCII letters, digits and _ . - and must start with a letter, digit"
                  + " or _")
          .notReserved(RESERVED)
          .build();

  private Names() {}

  /** The strict check for a user Steward creates. */
  static void validateUserName(String name) {
    NEW.validate(name);
  }

  /** The lax check for a user that may exist already. */
  static void requireExistingUserName(String name) {
    EXISTING.validate(name);
  }

  /** Redis users are not host-qualified: only {@code %} names one. */
  static void requireAnyHost(UserRef user) {
    AnyHost.require(user, "Redis");
  }

  /** Whether a user is Redis's or Steward's own (never listed, found or changed as a user). */
  static boolean isInternalUser(String name) {
    return RESERVED.contains(name);
  }

  /** Not empty, at most 1024 bytes, no whitespace or control character: what Redis accepts. */
  static void requireWellFormed(String name) {
    wellFormed().build().validate(name);
  }

  /** A name shortened and stripped of control characters, safe for messages. */
  static String printable(String name) {
    return Printable.of(name);
  }

  private static NameRule.Builder wellFormed() {
    return NameRule.of("user")
        .maxUtf8Bytes(MAX_EXISTING_BYTES)
        .refuse(
            c -> Character.isWhitespace(c) || Character.isISOControl(c),
            "contains whitespace or a control character");
  }
}
