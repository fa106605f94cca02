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
package dev.steward.core.backup;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * One backup's fresh data key and nonce prefix, with the key's wrapped form for the manifest. The
 * key bytes are zeroed on {@link #close}.
 */
final class DataKey implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final byte[] noncePrefix;
  private final KeyProvider.WrappedKey wrapped;

  private DataKey(byte[] key, byte[] noncePrefix, KeyProvider.WrappedKey wrapped) {
    this.key = key;
    this.noncePrefix = noncePrefix;
    this.wrapped = requireNonNull(wrapped, "wrapped is null");
  }

  static DataKey fresh(KeyProvider keys) {
    byte[] key = new byte[32];
    byte[] noncePrefix = new byte[4];
    RANDOM.nextBytes(key);
    RANDOM.nextBytes(noncePrefix);
    return new DataKey(key, noncePrefix, keys.wrap(key));
  }

  ChunkCipher cipher(String backupId) {
    return new ChunkCipher(key, noncePrefix, backupId);
  }

  byte[] bytes() {
    return key;
  }

  /** How the manifest records the key: algorithm, provider, key id, wrapped key, nonce prefix. */
  Manifest.Encryption encryption() {
    return new Manifest.Encryption(
        "AES-256-GCM",
        wrapped.provider(),
        wrapped.keyId(),
        wrapped.wrapped(),
        Base64.getEncoder().encodeToString(noncePrefix));
  }

  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
  }
}
