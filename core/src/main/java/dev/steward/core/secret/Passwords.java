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
package dev.steward.core.secret;

import dev.steward.spi.Secret;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** Generates passwords: 32 characters of letters and digits (about 190 bits). */
@Singleton
public final class Passwords {
  @Inject
  public Passwords() {}

  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int LENGTH = 32;

  private final SecureRandom random = new SecureRandom();

  public Secret generate() {
    StringBuilder builder = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      builder.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return Secret.of(builder.toString());
  }
}
