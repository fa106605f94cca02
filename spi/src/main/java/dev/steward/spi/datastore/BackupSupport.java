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
package dev.steward.spi.datastore;

import dev.steward.spi.backup.ToolEnvironment;
import java.util.List;

/**
 * A datastore's side of backups: which strategies fit a version, how tools reach the engine, and
 * adopting physically restored files. Core calls these on an operation's worker thread.
 */
public interface BackupSupport {
  /**
   * The datastore's order of preference among strategies for this version, its default first. Only
   * an order: which strategies serve the version is declared by the strategies ({@code
   * BackupStrategy.serves}); core offers the serving strategies named here first, in this order,
   * then the other serving strategies by name. A name no enabled strategy carries is skipped. The
   * deployer may pick another serving strategy per datastore or version ({@code
   * steward.backup.choice}).
   */
  List<String> strategies(DatastoreVersion version);

  /** Properties and secrets the listed strategies use to reach the instance's engine. */
  ToolEnvironment tools(InstanceContext instance);

  /**
   * Called before a strategy copies the engine's files ({@code copiesFiles()}): make the files hold
   * every acknowledged write (Redis: BGSAVE and wait for it; PostgreSQL: CHECKPOINT, so that
   * recovery from the copy is short). Default: nothing (the engine's files are always recoverable).
   */
  default void flush(InstanceContext instance) {}

  /**
   * Called after a physical restore wrote the engine's files into a host on which {@code prepare}
   * never ran, before {@code start}: write this instance's own configuration (address, memory,
   * sockets) over what came from the source and mark the host prepared. The instance's admin
   * password is the source's (the backup carries it, encrypted), so engine accounts stay valid.
   * Idempotent.
   */
  void restored(InstanceContext instance);
}
