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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.toolkit.validation.NameRule;
import dev.steward.toolkit.validation.Printable;
import dev.steward.toolkit.validation.ReservedNames;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PostgreSQL naming rules, as Steward enforces them, and SQL quoting.
 *
 * <p>Names of databases and users that Steward creates: 1 to 63 bytes (PostgreSQL's identifier
 * limit; longer names would be truncated silently), ASCII letters, digits and {@code _ $ . -}, the
 * first character a letter, digit or underscore. Names are case-sensitive and always sent as quoted
 * identifiers, so {@code MyDb} and {@code mydb} are different databases. Reserved names, compared
 * case-insensitively: databases {@code postgres}, {@code template0}, {@code template1}; users
 * {@code postgres} (Steward's administrator), {@code root} (the root account), the names PostgreSQL
 * itself reserves ({@code public}, {@code none}, {@code current_user}, {@code current_role}, {@code
 * session_user}) and every name starting with {@code pg_}.
 *
 * <p>Existing objects (found, dropped, listed) are held to a laxer check, because the root user may
 * have created names outside these rules: not empty, at most 63 bytes, no NUL, not reserved.
 */
final class Names {
  static final int MAX_BYTES = 63;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_$.-]*");
  private static final Pattern CHARACTER_SET = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}");
  private static final ReservedNames RESERVED_DATABASES =
      ReservedNames.of("postgres", "template0", "template1");
  private static final ReservedNames RESERVED_USERS =
      ReservedNames.of(
              "postgres", "root", "public", "none", "current_user", "current_role", "session_user")
          .withPrefix("pg_");
  private static final String NAME_PROBLEM =
      "may hold only ASCII letters, digits and _ $ . - and must start with a letter, digit or _";
  static final NameRule DATABASE = strict("database", RESERVED_DATABASES);
  static final NameRule USER = strict("user", RESERVED_USERS);
  static final NameRule EXISTING_DATABASE =
      wellFormed("database").notReserved(RESERVED_DATABASES).build();
  static final NameRule EXISTING_USER = wellFormed("user").notReserved(RESERVED_USERS).build();

  /** PostgreSQL's server-side encodings (client-only ones such as SJIS cannot hold a database). */
  private static final Set<String> SERVER_ENCODINGS =
      Set.of(
          "EUC_CN",
          "EUC_JP",
          "EUC_JIS_2004",
          "EUC_KR",
          "EUC_TW",
          "ISO_8859_5",
          "ISO_8859_6",
          "ISO_8859_7",
          "ISO_8859_8",
          "KOI8R",
          "KOI8U",
          "LATIN1",
          "LATIN2",
          "LATIN3",
          "LATIN4",
          "LATIN5",
          "LATIN6",
          "LATIN7",
          "LATIN8",
          "LATIN9",
          "LATIN10",
          "MULE_INTERNAL",
          "SQL_ASCII",
          "UTF8",
          "WIN866",
          "WIN874",
          "WIN1250",
          "WIN1251",
          "WIN1252",
          "WIN1253",
          "WIN1254",
          "WIN1255",
          "WIN1256",
          "WIN1257",
          "WIN1258");

  /** Spellings clients commonly send (MySQL-minded Trove clients included). */
  private static final Map<String, String> ENCODING_ALIASES =
      Map.of("UTF-8", "UTF8", "UTF8MB4", "UTF8", "UTF8MB3", "UTF8", "UNICODE", "UTF8");

  private Names() {}

  /** Whether a role is one of PostgreSQL's or Steward's own (never listed as a user). */
  static boolean isInternalUser(String name) {
    return RESERVED_USERS.contains(name);
  }

  /** The PostgreSQL encoding for a requested character set, or {@code INVALID_ARGUMENT}. */
  static String encoding(String characterSet) {
    if (!CHARACTER_SET.matcher(characterSet).matches()) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Character set " + Printable.of(characterSet) + " is not a PostgreSQL encoding name");
    }
    String upper = characterSet.toUpperCase(Locale.ROOT);
    String encoding = ENCODING_ALIASES.getOrDefault(upper, upper);
    if (!SERVER_ENCODINGS.contains(encoding)) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Character set " + Printable.of(characterSet) + " is not a PostgreSQL server encoding");
    }
    return encoding;
  }

  /** Checks a collation (a locale name such as {@code C.UTF-8}); {@code INVALID_ARGUMENT}. */
  static void validateCollation(String collation) {
    if (!COLLATION.matcher(collation).matches()) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Collation " + Printable.of(collation) + " is not a locale name such as C.UTF-8");
    }
  }

  /** A double-quoted identifier; embedded double quotes are doubled. */
  static String quoteIdentifier(String name) {
    requireNoNul(name);
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * A standard-conforming string literal, for the few statements that take no bind parameters
   * (CREATE DATABASE options). Single quotes are doubled; backslashes are literal because {@code
   * standard_conforming_strings} is on (the default since PostgreSQL 9.1, never changed by
   * Steward).
   */
  static String quoteLiteral(String value) {
    requireNoNul(value);
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** Not empty, at most 63 bytes, no NUL: safe to quote and look up. */
  static void requireWellFormed(String kind, String name) {
    wellFormed(kind).build().validate(name);
  }

  private static NameRule.Builder wellFormed(String kind) {
    return NameRule.of(kind).maxUtf8Bytes(MAX_BYTES).refuseNul();
  }

  private static NameRule strict(String kind, ReservedNames reserved) {
    return wellFormed(kind).pattern(NAME, NAME_PROBLEM).notReserved(reserved).build();
  }

  private static void requireNoNul(String text) {
    if (text.indexOf('\0') >= 0) {
      throw new StewardException(StandardErrorCode.INVALID_NAME, "A name contains a NUL character");
    }
  }
}
