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

import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.validation.AnyHost;
import dev.steward.toolkit.validation.NameRule;
import dev.steward.toolkit.validation.PasswordRule;
import dev.steward.toolkit.validation.ReservedNames;
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
  private static final ReservedNames RESERVED_USERS =
      ReservedNames.of("root").withPrefix("steward_");
  static final PasswordRule PASSWORD = PasswordRule.utf8Bytes(MAX_PASSWORD_BYTES);
  static final NameRule DATABASE = strict("database").build();
  static final NameRule USER = strict("user").notReserved(RESERVED_USERS).build();
  static final NameRule EXISTING_DATABASE = existing("database").build();
  static final NameRule EXISTING_USER = existing("user").notReserved(RESERVED_USERS).build();

  private Names() {}

  /** The user reference of a request: a valid name and the only host etcd knows, {@code %}. */
  static void validateUser(UserRef user) {
    USER.validate(user.name());
    AnyHost.require(user, "etcd");
  }

  /** Whether a user is etcd's {@code root} or one of Steward's own (never listed as a user). */
  static boolean isInternalUser(String name) {
    return RESERVED_USERS.contains(name);
  }

  private static NameRule.Builder strict(String kind) {
    return NameRule.of(kind)
        .maxCharacters(MAX_LENGTH)
        .pattern(
            NAME,
            "may hold only ASCII letters, digits and _ . - and must start with a letter, digit or"
                + " _");
  }

  private static NameRule.Builder existing(String kind) {
    return NameRule.of(kind).maxCharacters(MAX_EXISTING_LENGTH).refuseControl();
  }
}
