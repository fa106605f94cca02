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
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (instance admin passwords, operation payloads) with AES-256-GCM under a
 * master key kept in a 0600 key file, created atomically on first run. The ciphertext format is
 * {@code v1:} + base64(12-byte IV + ciphertext + tag); a wrong key or a tampered value fails with
 * {@code CRYPTO_FAILURE}.
 */
public final class SecretBox {
  private static final String VERSION = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** Loads the key file, creating it with a fresh random key when it does not exist. */
  public static SecretBox fromKeyFile(Path keyFile) {
    try {
      if (!Files.exists(keyFile)) {
        createKeyFile(keyFile);
      }
      byte[] encoded = Files.readAllBytes(keyFile);
      byte[] key =
          Base64.getDecoder().decode(new String(encoded, StandardCharsets.US_ASCII).trim());
      if (key.length != 32) {
        throw new StewardException(
            StandardErrorCode.CRYPTO_FAILURE,
            "Key file " + keyFile + " does not hold a 256-bit key");
      }
      return new SecretBox(key);
    } catch (IOException | IllegalArgumentException e) {
      throw new StewardException(
          StandardErrorCode.CRYPTO_FAILURE, "Cannot read key file " + keyFile, e);
    }
  }

  private static void createKeyFile(Path keyFile) throws IOException {
    Files.createDirectories(keyFile.getParent());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path temporary =
        Files.createTempFile(
            keyFile.getParent(),
            ".key",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      // A concurrent first boot may win the race; its key is then the one everybody uses.
      Files.createLink(keyFile, temporary);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // someone else created it first
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A fingerprint of the key (16 hex digits of its SHA-256), safe to record and print. */
  public String keyId() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String encrypt(Secret secret) {
    return encrypt(secret.reveal().getBytes(StandardCharsets.UTF_8));
  }

  public Secret decryptSecret(String sealed) {
    return Secret.of(new String(decrypt(sealed), StandardCharsets.UTF_8));
  }

  public String encrypt(byte[] plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] encrypted = cipher.doFinal(plain);
      ByteBuffer buffer = ByteBuffer.allocate(iv.length + encrypted.length);
      buffer.put(iv).put(encrypted);
      return VERSION + Base64.getEncoder().encodeToString(buffer.array());
    } catch (GeneralSecurityException e) {
      throw new StewardException(StandardErrorCode.CRYPTO_FAILURE, "Encryption failed", e);
    }
  }

  public byte[] decrypt(String sealed) {
    if (!sealed.startsWith(VERSION)) {
      throw new StewardException(StandardErrorCode.CRYPTO_FAILURE, "Unknown secret format");
    }
    try {
      byte[] data = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
      return cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new StewardException(
          StandardErrorCode.CRYPTO_FAILURE, "Decryption failed: wrong key or tampered value", e);
    }
  }
}
