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
package dev.steward.backup.volumesnapshot;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Backs up an instance's whole data directory through the platform ({@code Host.snapshotData}): on
 * the local platform a tar taken with the server frozen, so the copy is crash-consistent, after the
 * datastore flushed what only lives in memory (Redis BGSAVE, PostgreSQL CHECKPOINT: core calls
 * {@code BackupSupport.flush} because {@link #copiesFiles()}); on OpenStack, later, a Cinder
 * snapshot. A restore unpacks it into the new host ({@code Host.restoreData}) before the engine
 * starts, which then recovers as after a crash. Engine-agnostic; full backups only.
 */
final class VolumeSnapshotStrategy implements BackupStrategy {
  private final Set<String> datastores;

  VolumeSnapshotStrategy(Set<String> datastores) {
    this.datastores = Set.copyOf(requireNonNull(datastores, "datastores is null"));
  }

  @Override
  public String name() {
    return VolumeSnapshotFactory.NAME;
  }

  @Override
  public Set<String> datastores() {
    return datastores;
  }

  @Override
  public RestoreMode restoreMode() {
    return RestoreMode.PHYSICAL;
  }

  @Override
  public boolean copiesFiles() {
    return true;
  }

  /** The data directory's size ({@code du -sb}), which the tar stream slightly exceeds. */
  @Override
  public OptionalLong estimateBytes(BackupRequest request) {
    Host host = request.instance().host();
    CommandResult du =
        host.run(Command.of("du", "-sb", host.directory(HostDirectory.DATA).toString()));
    if (!du.succeeded() || du.stdout().isBlank()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(du.stdout().strip().split("\\s+")[0]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    try (RunningCommand tar = request.instance().host().snapshotData()) {
      long bytes = tar.stdout().transferTo(out);
      tar.await().requireSuccess();
      return new BackupResult(Map.of("format", "tar", "bytes", Long.toString(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException("Volume snapshot of " + request.backupId() + " failed", e);
    }
  }

  @Override
  public void restore(RestoreRequest request) {
    if (request.chain().size() != 1) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE, "Volume snapshots are full backups only");
    }
    try (RunningCommand tar = request.instance().host().restoreData();
        InputStream snapshot = request.chain().getFirst().open()) {
      try (OutputStream input = tar.stdin()) {
        snapshot.transferTo(input);
      }
      tar.await().requireSuccess();
    } catch (IOException e) {
      throw new UncheckedIOException("Restoring a volume snapshot failed", e);
    }
  }
}
