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
package dev.steward.spi.backup;

import dev.steward.spi.datastore.DatastoreVersion;
import java.io.OutputStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A way to back up and restore an engine's data as one byte stream (a dump, a base backup, an RDB
 * file, a physical copy). Core owns everything around the stream: compression, encryption,
 * chunking, checksums, the object store, the manifest, states, retries and crash recovery.
 *
 * <p>Core calls {@link #backup} and {@link #restore} on an operation's worker thread, one call per
 * step; a step may be repeated after a crash, so both must start from scratch each time (a restore
 * clears what an interrupted attempt left). Strategies reach the engine only through the request's
 * host ({@code Host.start} for streaming tools) and {@link ToolEnvironment}; secrets go into the
 * command's secret environment or an option file, never its arguments.
 */
public interface BackupStrategy extends AutoCloseable {
  /** The factory's name, e.g. {@code pg_dump}. */
  String name();

  /**
   * The datastores (factory names) this strategy can back up. This, with {@link #serves}, is the
   * only declaration of what a strategy serves: core's plugin registry offers the strategy for
   * every enabled datastore version it serves (and that has {@code BackupSupport}), with no table
   * anywhere else.
   */
  Set<String> datastores();

  /**
   * Whether this strategy can back up and restore instances of {@code version} of {@code
   * datastore}. Called by core at boot and when it picks the strategy of a new backup. Default: the
   * datastore is one of {@link #datastores()}, whatever the version; override to exclude versions.
   */
  default boolean serves(String datastore, DatastoreVersion version) {
    return datastores().contains(datastore);
  }

  RestoreMode restoreMode();

  /** Whether {@link #backup} can take an incremental backup on top of a parent. */
  default boolean incremental() {
    return false;
  }

  /**
   * Whether the strategy copies the engine's files as they are on disk (a volume snapshot): core
   * then asks the datastore to put everything on disk first ({@code BackupSupport.flush}).
   */
  default boolean copiesFiles() {
    return false;
  }

  /**
   * The expected size of the backup stream in bytes, when the strategy can tell cheaply (a database
   * size query); core shows progress as a percentage then. Empty by default.
   */
  default OptionalLong estimateBytes(BackupRequest request) {
    return OptionalLong.empty();
  }

  /**
   * Writes the backup stream of the running instance to {@code out} (without closing it) and
   * returns its metadata. Throws a StewardException (COMMAND_FAILED with the tool's message, …) on
   * failure; core then removes what was stored.
   */
  BackupResult backup(BackupRequest request, OutputStream out);

  /** Restores the chain into the request's instance (see {@link RestoreRequest}). */
  void restore(RestoreRequest request);

  /**
   * What a restore of {@code chain} does not carry over from the source, each a sentence for the
   * operator without secrets (users recreated without their passwords, a backup of an older format
   * that holds no users, …), read from the parts' metadata. Core calls it on the same worker thread
   * after {@link #restore} succeeded and records each notice on the restore's operation (its step
   * history, outcome {@code NOTICE}). Empty by default: the restore carried everything.
   */
  default List<String> restoreNotices(List<RestorePart> chain) {
    return List.of();
  }

  @Override
  default void close() {}
}
