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

import dev.steward.spi.PluginConfig;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.BackupStrategyFactory;
import java.util.List;
import java.util.Set;

/**
 * Creates the volume snapshot strategy. Configuration: {@code volume-snapshot.datastores}, the
 * datastores it serves (default: every built-in engine).
 */
public final class VolumeSnapshotFactory implements BackupStrategyFactory {
  public static final String NAME = "volume-snapshot";
  static final List<String> DEFAULT_DATASTORES =
      List.of("postgresql", "mysql", "mariadb", "percona", "redis", "mongodb");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BackupStrategy create(PluginConfig config) {
    return new VolumeSnapshotStrategy(Set.copyOf(config.list("datastores", DEFAULT_DATASTORES)));
  }
}
