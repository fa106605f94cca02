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
package dev.steward.toolkit.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;

/**
 * The skeleton of a strategy: its name, the datastores it serves, its restore mode and its typed
 * configuration, declared once in the constructor, plus the checks every full-backup strategy
 * makes. A subclass writes only {@code backup} and {@code restore} (with {@link ToolPipe} for the
 * tool's streams). Core creates it once at boot (through its factory, see {@link StrategyFactory})
 * and calls it on operation workers; a subclass keeps no state per instance.
 *
 * @param <C> the strategy's typed configuration
 */
public abstract class PipedStrategy<C> implements BackupStrategy {
  private final String name;
  private final Set<String> datastores;
  private final RestoreMode restoreMode;
  private final C config;
  private final System.Logger log;

  protected PipedStrategy(String name, Set<String> datastores, RestoreMode restoreMode, C config) {
    this.name = requireNonNull(name, "name is null");
    this.datastores = Set.copyOf(requireNonNull(datastores, "datastores is null"));
    this.restoreMode = requireNonNull(restoreMode, "restoreMode is null");
    this.config = requireNonNull(config, "config is null");
    this.log = System.getLogger(getClass().getName());
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> datastores() {
    return datastores;
  }

  @Override
  public final RestoreMode restoreMode() {
    return restoreMode;
  }

  /** The configuration the factory read at boot. */
  protected final C config() {
    return config;
  }

  /** Logs a finished backup or restore at INFO (a {@link java.text.MessageFormat} pattern). */
  protected final void logDone(String pattern, Object... arguments) {
    log.log(Level.INFO, pattern, arguments);
  }

  /**
   * For {@code restoreNotices}: a notice for the first part when its metadata lacks {@code key},
   * that is when it was written before the strategy carried the source's users (as {@code what}).
   */
  protected final List<String> usersNotCarriedBefore(
      List<RestorePart> chain, String key, String what) {
    RestorePart part = chain.getFirst();
    if (part.metadata().containsKey(key)) {
      return List.of();
    }
    return List.of(
        name
            + " backup "
            + part.backupId()
            + " was taken before "
            + name
            + " carried "
            + what
            + ": no user of the source was recreated; create them again");
  }

  /**
   * The one part of a full-backup strategy's chain; BACKUP_INCOMPATIBLE when the chain is longer
   * (core never builds one for a strategy that is not incremental: a bug or a foreign manifest).
   */
  protected final RestorePart onlyPart(RestoreRequest request) {
    if (request.chain().size() != 1) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          name
              + " backups are full backups; a chain of "
              + request.chain().size()
              + " cannot be restored");
    }
    return request.chain().getFirst();
  }
}
