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
import dev.steward.core.config.StewardConfig;
import dev.steward.core.plugin.Plugins;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.ObjectStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * A backup's objects in the platform's object store (chunks and manifest, under {@link
 * Backups#prefix}) and the key provider that wraps their data keys: what taking and restoring
 * backups share.
 */
@Singleton
public final class BackupObjects {
  private final Plugins plugins;
  private final ObjectMapper mapper;
  private final KeyProvider keys;

  @Inject
  public BackupObjects(StewardConfig config, Plugins plugins, ObjectMapper mapper) {
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.keys = new FileKeyProvider(config.backup().keyFile());
  }

  ObjectStore store() {
    return plugins.platform().objectStore();
  }

  /** A fresh data key for one backup, wrapped by the key provider. */
  DataKey newDataKey() {
    return DataKey.fresh(keys);
  }

  /** The backup's data key, unwrapped (BACKUP_KEY_INVALID under another master key). */
  byte[] dataKey(String backupId, Manifest manifest) {
    return keys.unwrap(backupId, manifest.wrappedKey());
  }

  /** Seals the manifest under the backup's data key and stores it: the backup is then durable. */
  void write(Manifest manifest, DataKey key) {
    manifest.sealed(key.bytes(), mapper).write(store(), mapper);
  }

  /** A backup's manifest (BACKUP_CORRUPT when missing or unreadable), its MAC not yet checked. */
  Manifest manifest(String backupId) {
    return Manifest.read(store(), mapper, backupId);
  }

  /** A backup's manifest after its MAC was checked under its unwrapped data key. */
  Manifest verifiedManifest(String backupId) {
    Manifest manifest = manifest(backupId);
    manifest.verify(dataKey(backupId, manifest), mapper);
    return manifest;
  }

  /** The manifest when one can be read, whatever its MAC. */
  Optional<Manifest> readableManifest(String backupId) {
    try {
      return Optional.of(manifest(backupId));
    } catch (StewardException e) {
      return Optional.empty();
    }
  }

  /** Checks the manifest's MAC under {@code dataKey} (BACKUP_CORRUPT when altered). */
  void verify(Manifest manifest, byte[] dataKey) {
    manifest.verify(dataKey, mapper);
  }

  /** Removes every stored object of a backup (chunks and manifest); idempotent. */
  void remove(String backupId) {
    ObjectStore store = store();
    // The manifest first, so that a half-removed backup is never mistaken for a complete one.
    store.delete(Backups.manifestKey(backupId));
    for (String key : store.list(Backups.prefix(backupId))) {
      store.delete(key);
    }
  }
}
