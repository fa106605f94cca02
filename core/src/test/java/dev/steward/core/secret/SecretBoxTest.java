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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  @TempDir Path directory;

  @Test
  void roundTripWithKeyCreatedOnFirstUse() throws Exception {
    Path keyFile = directory.resolve("keys/secret.key");
    SecretBox box = SecretBox.fromKeyFile(keyFile);
    String sealed = box.encrypt(Secret.of("hunter2"));
    assertThat(sealed).startsWith("v1:").doesNotContain("hunter2");
    assertThat(box.encrypt(Secret.of("hunter2"))).isNotEqualTo(sealed);
    assertThat(SecretBox.fromKeyFile(keyFile).decryptSecret(sealed).reveal()).isEqualTo("hunter2");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
  }

  @Test
  void wrongKeyOrTamperingFails() {
    SecretBox box = SecretBox.fromKeyFile(directory.resolve("a.key"));
    SecretBox other = SecretBox.fromKeyFile(directory.resolve("b.key"));
    String sealed = box.encrypt(Secret.of("value"));
    assertThatThrownBy(() -> other.decrypt(sealed))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.CRYPTO_FAILURE)).isTrue());
    char[] chars = sealed.toCharArray();
    chars[10] = chars[10] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> box.decrypt(new String(chars))).isInstanceOf(StewardException.class);
  }

  @Test
  void generatedPasswordsAreLongAndDistinct() {
    Passwords passwords = new Passwords();
    Secret first = passwords.generate();
    assertThat(first.reveal()).hasSize(32).matches("[A-Za-z0-9]+");
    assertThat(passwords.generate()).isNotEqualTo(first);
    assertThat(first.toString()).isEqualTo("******");
  }
}
