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
package dev.steward.toolkit.validation;

/**
 * A user-supplied text made safe for a message or a log: shortened to 64 characters, control
 * characters replaced by {@code ?}, in single quotes. Never used on secrets.
 */
public final class Printable {
  static final int MAX_SHOWN = 64;

  private Printable() {}

  public static String of(String text) {
    String shortened = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    StringBuilder result = new StringBuilder(shortened.length() + 2).append('\'');
    shortened
        .codePoints()
        .forEach(c -> result.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return result.append('\'').toString();
  }
}
