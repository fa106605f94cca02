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
package dev.steward.server.identity;

import dev.steward.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes of the built-in identity: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (base64), compared in constant time. Also SHA-256 digests of static tokens.
 */
public final class PasswordHash {
  /** Iterations of new hashes (OWASP's 2023 figure for PBKDF2-HMAC-SHA256 is 600,000). */
  public static final int ITERATIONS = 600_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  public static String hash(Secret password) {
    return hash(password, ITERATIONS);
  }

  public static String hash(Secret password, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "pbkdf2-sha256$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** True when {@code password} matches {@code encoded}; false for any malformed hash. */
  public static boolean matches(Secret password, String encoded) {
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 1 || iterations > 10_000_000) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Hex SHA-256 of a token: tokens are kept and compared only as digests. */
  public static String digest(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  private static byte[] derive(Secret password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.reveal().toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing", e);
    } finally {
      spec.clearPassword();
    }
  }
}
