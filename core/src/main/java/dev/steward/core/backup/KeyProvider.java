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

/**
 * Wraps and unwraps backups' data keys. Each backup gets a fresh random 256-bit data key; only its
 * wrapped form is stored (in the manifest). The default provider ({@link FileKeyProvider}) keeps a
 * master key file; a KMS or Barbican provider would implement the same two calls.
 */
public interface KeyProvider {
  /** The provider's name, recorded in manifests. */
  String name();

  WrappedKey wrap(byte[] dataKey);

  /** The data key; BACKUP_KEY_INVALID when this provider's key did not wrap it. */
  byte[] unwrap(String backupId, WrappedKey wrapped);

  /**
   * @param provider the provider's name
   * @param keyId identifies the master key (a fingerprint, never the key)
   * @param wrapped the wrapped data key, in the provider's text form
   */
  record WrappedKey(String provider, String keyId, String wrapped) {}
}
