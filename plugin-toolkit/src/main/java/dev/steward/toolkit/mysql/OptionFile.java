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
package dev.steward.toolkit.mysql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.toolkit.ToolkitErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A MySQL-family option file ({@code my.cnf} syntax, read by {@code mysqld}, {@code mariadbd}, the
 * clients, {@code mysqldump}, {@code xtrabackup} and {@code mariabackup}), written as text that no
 * value can break out of. Used by the MySQL family datastores (server and admin-client files) and
 * the mysqldump and xtrabackup strategies (tool files holding the administrator's password).
 *
 * <p>Plain values are written as they are; one holding a line break, a NUL or {@code #} (a comment)
 * is refused with {@code INTERNAL_ERROR}, since Steward builds them from paths and numbers. Secrets
 * are double-quoted with backslashes doubled; the parser knows no escaped quote, so a secret with a
 * double quote, a line break or a NUL is refused with {@link
 * ToolkitErrorCode#OPTION_VALUE_NOT_ENCODABLE} (Steward's generated passwords are letters and
 * digits). Messages never show a secret.
 */
public final class OptionFile {
  private final List<String> lines = new ArrayList<>();
  private boolean inSection;

  private OptionFile() {}

  /** An empty file. */
  public static OptionFile create() {
    return new OptionFile();
  }

  /** A comment line ({@code # text}). */
  public OptionFile comment(String text) {
    lines.add("# " + plain("comment", text.replace("#", "")));
    return this;
  }

  /** {@code !include <path>}: another option file read at this point. */
  public OptionFile include(String path) {
    lines.add("!include " + plain("include", path));
    return this;
  }

  /** {@code [name]}; a blank line separates it from a previous section. */
  public OptionFile section(String name) {
    if (inSection) {
      lines.add("");
    }
    lines.add("[" + plain("section", name) + "]");
    inSection = true;
    return this;
  }

  /** {@code key=value}. */
  public OptionFile option(String key, String value) {
    lines.add(key + "=" + plain(key, value));
    return this;
  }

  /**
   * A line of its own: a bare boolean option such as {@code skip-name-resolve}, or a fixed {@code
   * key=value} setting of an engine member.
   */
  public OptionFile flag(String key) {
    lines.add(plain("flag", key));
    return this;
  }

  /** {@code key="secret"}. */
  public OptionFile secret(String key, Secret value) {
    lines.add(key + "=" + quoted(value));
    return this;
  }

  /** The file's text, every line ended by a line break. */
  public String text() {
    return String.join("\n", lines) + "\n";
  }

  /**
   * A double-quoted option-file value.
   *
   * @throws StewardException {@code OPTION_VALUE_NOT_ENCODABLE} for a double quote, a line break or
   *     a NUL
   */
  public static String quoted(Secret secret) {
    String value = requireNonNull(secret, "secret is null").reveal();
    if (value.chars().anyMatch(c -> c == '"' || c == '\n' || c == '\r' || c == 0)) {
      throw new StewardException(
          ToolkitErrorCode.OPTION_VALUE_NOT_ENCODABLE,
          "The password holds a double quote or a line break; it cannot go into an option file");
    }
    return '"' + value.replace("\\", "\\\\") + '"';
  }

  private static String plain(String key, String value) {
    requireNonNull(value, "value is null");
    if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0 || c == '#')) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR,
          "The value of option " + key + " contains a line break or '#'");
    }
    return value;
  }
}
