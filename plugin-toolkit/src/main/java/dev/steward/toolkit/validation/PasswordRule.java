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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.charset.StandardCharsets;

/**
 * An engine's password rule, checked by its user and root admins before a password reaches the
 * server: not empty, within a length limit, and (unless the engine takes them) no NUL. Failures are
 * {@code INVALID_ARGUMENT} and never show the password.
 *
 * @param maxLength the limit, in {@code unit}s
 * @param unit what the limit counts: UTF-16 characters, or UTF-8 bytes (bcrypt's 72)
 * @param refuseNul whether a NUL character is refused
 */
public record PasswordRule(int maxLength, Unit unit, boolean refuseNul) {
  /** What a password's length limit counts. */
  public enum Unit {
    CHARACTERS,
    UTF8_BYTES,
  }

  public PasswordRule {
    requireNonNull(unit, "unit is null");
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength is not positive");
    }
  }

  /** At most {@code maxLength} characters, no NUL (PostgreSQL, MySQL family, MongoDB, Redis). */
  public static PasswordRule characters(int maxLength) {
    return new PasswordRule(maxLength, Unit.CHARACTERS, true);
  }

  /** At most {@code maxBytes} bytes of UTF-8 (what a bcrypt hash still tells apart). */
  public static PasswordRule utf8Bytes(int maxBytes) {
    return new PasswordRule(maxBytes, Unit.UTF8_BYTES, false);
  }

  /** Fails with {@code INVALID_ARGUMENT} when the password breaks the rule. */
  public void validate(Secret password) {
    String value = requireNonNull(password, "password is null").reveal();
    if (value.isEmpty()) {
      throw invalid("The password is empty");
    }
    switch (unit) {
      case CHARACTERS -> {
        if (value.length() > maxLength) {
          throw invalid("The password is longer than " + maxLength + " characters");
        }
      }
      case UTF8_BYTES -> {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxLength) {
          throw invalid("The password is " + bytes + " bytes long; the limit is " + maxLength);
        }
      }
    }
    if (refuseNul && value.indexOf('\0') >= 0) {
      throw invalid("The password contains a NUL character");
    }
  }

  private static StewardException invalid(String message) {
    return new StewardException(StandardErrorCode.INVALID_ARGUMENT, message);
  }
}
