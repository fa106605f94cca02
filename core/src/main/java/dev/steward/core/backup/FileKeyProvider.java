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

import dev.steward.core.secret.SecretBox;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.file.Path;

/**
 * The default key provider: data keys wrapped with AES-256-GCM under a master key in a 0600 file
 * ({@code steward.backup.key-file}), created on first use. Restoring a backup needs the same key
 * file; another key fails with BACKUP_KEY_INVALID naming both fingerprints.
 */
final class FileKeyProvider implements KeyProvider {
  static final String NAME = "file";
  private final SecretBox box;

  FileKeyProvider(Path keyFile) {
    this.box = SecretBox.fromKeyFile(keyFile);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public WrappedKey wrap(byte[] dataKey) {
    return new WrappedKey(NAME, box.keyId(), box.encrypt(dataKey));
  }

  @Override
  public byte[] unwrap(String backupId, WrappedKey wrapped) {
    if (!NAME.equals(wrapped.provider()) || !box.keyId().equals(wrapped.keyId())) {
      throw new StewardException(
          StandardErrorCode.BACKUP_KEY_INVALID,
          "Backup "
              + backupId
              + " was encrypted under "
              + wrapped.provider()
              + " key "
              + wrapped.keyId()
              + "; this control plane has "
              + NAME
              + " key "
              + box.keyId());
    }
    try {
      return box.decrypt(wrapped.wrapped());
    } catch (StewardException e) {
      throw new StewardException(
          StandardErrorCode.BACKUP_KEY_INVALID,
          "The data key of backup " + backupId + " cannot be unwrapped: damaged key header");
    }
  }
}
