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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;

/**
 * Quoting for the statements Steward builds. Identifiers are backtick-quoted with embedded
 * backticks doubled; string literals escape backslash, quote and control characters, which is
 * correct because admin sessions run without {@code NO_BACKSLASH_ESCAPES} (see {@link
 * EngineConnections}). A NUL never reaches a statement.
 */
final class Sql {
  private Sql() {}

  /** {@code `name`}, embedded backticks doubled. */
  static String identifier(String name) {
    requireNoNul(name);
    return '`' + name.replace("`", "``") + '`';
  }

  /** A single-quoted string literal with MySQL's backslash escapes. */
  static String literal(String value) {
    requireNoNul(value);
    StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
    for (int index = 0; index < value.length(); index++) {
      char c = value.charAt(index);
      switch (c) {
        case '\\' -> quoted.append("\\\\");
        case '\'' -> quoted.append("\\'");
        case '"' -> quoted.append("\\\"");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\u001a' -> quoted.append("\\Z");
        default -> quoted.append(c);
      }
    }
    return quoted.append('\'').toString();
  }

  /** {@code 'user'@'host'}. */
  static String account(String user, String host) {
    return literal(user) + "@" + literal(host);
  }

  /**
   * A database name as the object of {@code GRANT … ON <db>.*}: there {@code _} and {@code %} are
   * wildcards, so they are escaped, or a grant on {@code my_db} would also open {@code myXdb}.
   */
  static String grantDatabase(String name) {
    return identifier(grantPattern(name));
  }

  /** The escaped form MySQL stores in {@code mysql.db.Db} for a literal database name. */
  static String grantPattern(String name) {
    return name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
  }

  /** The database name of an escaped {@code mysql.db.Db} value (wildcards left as they are). */
  static String unescapeGrantPattern(String pattern) {
    StringBuilder name = new StringBuilder(pattern.length());
    for (int index = 0; index < pattern.length(); index++) {
      char c = pattern.charAt(index);
      if (c == '\\' && index + 1 < pattern.length()) {
        index++;
        name.append(pattern.charAt(index));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  private static void requireNoNul(String text) {
    if (text.indexOf('\0') >= 0) {
      throw new StewardException(StandardErrorCode.INVALID_NAME, "A name contains a NUL character");
    }
  }
}
