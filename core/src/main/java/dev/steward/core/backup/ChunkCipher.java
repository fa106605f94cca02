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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM per chunk under a backup's data key. The 12-byte nonce is the backup's 4-byte random
 * prefix and the chunk's 8-byte index (unique per key); the authenticated data binds the backup id,
 * the index and whether the chunk is the last one, so chunks cannot be swapped, reordered, moved to
 * another backup, or cut off at the end without failing authentication.
 */
final class ChunkCipher {
  static final int TAG_BYTES = 16;

  private final SecretKeySpec key;
  private final byte[] noncePrefix;
  private final byte[] backupId;

  ChunkCipher(byte[] dataKey, byte[] noncePrefix, String backupId) {
    if (dataKey.length != 32 || noncePrefix.length != 4) {
      throw new IllegalArgumentException("a 256-bit key and a 4-byte nonce prefix are required");
    }
    this.key = new SecretKeySpec(dataKey, "AES");
    this.noncePrefix = noncePrefix.clone();
    this.backupId = requireNonNull(backupId, "backupId is null").getBytes(StandardCharsets.UTF_8);
  }

  byte[] encrypt(int index, boolean last, byte[] plain, int length) {
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, index, last);
      return cipher.doFinal(plain, 0, length);
    } catch (GeneralSecurityException e) {
      throw new StewardException(StandardErrorCode.CRYPTO_FAILURE, "Chunk encryption failed", e);
    }
  }

  /** Decrypts and authenticates; BACKUP_CORRUPT when the chunk was altered or misplaced. */
  byte[] decrypt(String backupIdText, int index, boolean last, byte[] sealed) {
    try {
      return cipher(Cipher.DECRYPT_MODE, index, last).doFinal(sealed);
    } catch (AEADBadTagException e) {
      throw Backups.corrupt(
          backupIdText, "chunk " + index + " fails authentication (altered, misplaced or cut)");
    } catch (GeneralSecurityException e) {
      throw new StewardException(StandardErrorCode.CRYPTO_FAILURE, "Chunk decryption failed", e);
    }
  }

  private Cipher cipher(int mode, int index, boolean last) throws GeneralSecurityException {
    byte[] nonce = ByteBuffer.allocate(12).put(noncePrefix).putLong(index).array();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    cipher.updateAAD(
        ByteBuffer.allocate(backupId.length + 9)
            .put(backupId)
            .putLong(index)
            .put((byte) (last ? 1 : 0))
            .array());
    return cipher;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
