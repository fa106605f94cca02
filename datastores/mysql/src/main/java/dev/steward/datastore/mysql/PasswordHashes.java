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

import dev.steward.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Password hashes computed in this process, so that the server never sees the clear password. */
final class PasswordHashes {
  private PasswordHashes() {}

  /**
   * The {@code mysql_native_password} hash: {@code *} and the upper-case hex of
   * SHA1(SHA1(password)), the form {@code IDENTIFIED BY PASSWORD} accepts.
   */
  static String nativePassword(Secret password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] first = sha1.digest(password.reveal().getBytes(StandardCharsets.UTF_8));
      byte[] second = sha1.digest(first);
      return "*" + HexFormat.of().withUpperCase().formatHex(second);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from the JDK", e);
    }
  }
}
