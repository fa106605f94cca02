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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.steward.spi.platform.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A backup's manifest, the last object written: everything needed to verify and restore it. Its
 * presence (with COMPLETED in the store) is what makes a backup restorable.
 *
 * @param format manifest format version (1)
 * @param parentId the parent backup of an incremental one, or null
 * @param chunks every chunk in order, with its stored size and SHA-256
 * @param streamBytes bytes of the tool's stream before compression
 * @param storedBytes bytes of all chunks as stored
 * @param metadata what the strategy returned (positions, database lists)
 * @param mac HMAC-SHA256 (hex) of every other field, under a key derived from the backup's data
 *     key: an altered manifest (metadata, parent, sizes) fails before it is used
 */
record Manifest(
    int format,
    String backupId,
    String strategy,
    String datastore,
    String datastoreVersion,
    String engineVersion,
    String parentId,
    String compression,
    long chunkSize,
    List<Chunk> chunks,
    long streamBytes,
    long storedBytes,
    Encryption encryption,
    Map<String, String> metadata,
    long createdAt,
    String mac) {
  static final int FORMAT = 1;

  Manifest {
    requireNonNull(backupId, "backupId is null");
    chunks = List.copyOf(chunks);
    metadata = Map.copyOf(metadata);
  }

  /**
   * @param index position in the stream, from 0
   * @param size stored size (ciphertext and tag)
   * @param sha256 of the stored bytes, hex
   */
  record Chunk(int index, long size, String sha256) {}

  /**
   * @param algorithm {@code AES-256-GCM}
   * @param keyProvider the provider that wrapped the data key
   * @param keyId the master key's fingerprint
   * @param wrappedKey the wrapped data key
   * @param noncePrefix base64 of the 4-byte nonce prefix of this backup's chunks
   */
  record Encryption(
      String algorithm, String keyProvider, String keyId, String wrappedKey, String noncePrefix) {}

  void write(ObjectStore store, ObjectMapper mapper) {
    try {
      store.put(
          Backups.manifestKey(backupId), new ByteArrayInputStream(mapper.writeValueAsBytes(this)));
    } catch (IOException e) {
      throw new IllegalStateException("Manifest of backup " + backupId + " cannot be encoded", e);
    }
  }

  /** Reads and checks a manifest; BACKUP_CORRUPT when missing or unreadable. */
  static Manifest read(ObjectStore store, ObjectMapper mapper, String backupId) {
    String key = Backups.manifestKey(backupId);
    if (store.size(key).isEmpty()) {
      throw Backups.corrupt(backupId, "its manifest is missing");
    }
    try (InputStream input = store.get(key)) {
      Manifest manifest = mapper.readValue(input.readNBytes(16 * 1024 * 1024), Manifest.class);
      if (manifest.format() != FORMAT
          || !backupId.equals(manifest.backupId())
          || manifest.encryption() == null) {
        throw Backups.corrupt(backupId, "its manifest does not describe it");
      }
      for (int i = 0; i < manifest.chunks().size(); i++) {
        if (manifest.chunks().get(i).index() != i) {
          throw Backups.corrupt(backupId, "its manifest lists chunks out of order");
        }
      }
      if (manifest.chunks().isEmpty()) {
        throw Backups.corrupt(backupId, "its manifest lists no chunk");
      }
      return manifest;
    } catch (IOException e) {
      throw Backups.corrupt(backupId, "its manifest is unreadable");
    }
  }

  /** This manifest with its MAC computed under {@code dataKey}. */
  Manifest sealed(byte[] dataKey, ObjectMapper mapper) {
    return withMac(metadata, computeMac(dataKey, mapper));
  }

  /** This manifest with {@code metadata} and {@code mac} in place of its own. */
  private Manifest withMac(Map<String, String> metadata, String mac) {
    return new Manifest(
        format,
        backupId,
        strategy,
        datastore,
        datastoreVersion,
        engineVersion,
        parentId,
        compression,
        chunkSize,
        chunks,
        streamBytes,
        storedBytes,
        encryption,
        metadata,
        createdAt,
        mac);
  }

  /** BACKUP_CORRUPT unless the MAC matches every field under {@code dataKey}. */
  void verify(byte[] dataKey, ObjectMapper mapper) {
    String expected = computeMac(dataKey, mapper);
    if (mac == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            mac.getBytes(StandardCharsets.US_ASCII))) {
      throw Backups.corrupt(backupId, "its manifest fails its MAC (altered)");
    }
  }

  private String computeMac(byte[] dataKey, ObjectMapper mapper) {
    try {
      Manifest unsealed = withMac(new TreeMap<>(metadata), null);
      byte[] canonical =
          mapper
              .copy()
              .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
              .writeValueAsBytes(unsealed);
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
      byte[] macKey = hmac.doFinal("steward manifest mac v1".getBytes(StandardCharsets.UTF_8));
      hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
      return HexFormat.of().formatHex(hmac.doFinal(canonical));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Manifest MAC of backup " + backupId + " failed", e);
    }
  }

  KeyProvider.WrappedKey wrappedKey() {
    return new KeyProvider.WrappedKey(
        encryption.keyProvider(), encryption.keyId(), encryption.wrappedKey());
  }
}
