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
package dev.steward.toolkit.datastore;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatastoreVersion;
import java.util.List;

/**
 * Backup support whose strategies are the same for every version: core asks {@link #strategies}
 * when it lists a version's backup options and when it picks a backup's strategy (the first is the
 * default); the tool environment and the adoption of restored files are the engine's own.
 */
public abstract class FixedStrategiesBackupSupport implements BackupSupport {
  private final List<String> strategies;

  /**
   * @param strategies the strategies' names, the default first
   */
  protected FixedStrategiesBackupSupport(List<String> strategies) {
    this.strategies = List.copyOf(strategies);
    if (this.strategies.isEmpty()) {
      throw new IllegalArgumentException("strategies is empty");
    }
  }

  @Override
  public final List<String> strategies(DatastoreVersion version) {
    requireNonNull(version, "version is null");
    return strategies;
  }
}
