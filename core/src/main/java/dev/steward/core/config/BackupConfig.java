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
package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.DataSize;
import dev.steward.spi.PluginConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Core's backup settings ({@code steward.backup.*}); defaults live here and are pinned by {@code
 * StewardConfigTest}.
 *
 * @param strategies the backup strategy plugins to enable, by name ({@code
 *     steward.backup.strategies}); when absent, every strategy on the class path that serves an
 *     enabled datastore version (the plugin registry decides); an empty list enables none, so that
 *     backups answer NOT_SUPPORTED
 * @param choice the deployer's strategy per datastore or datastore version ({@code
 *     steward.backup.choice=postgresql=pg_dump,mariadb:10.11=mysqldump}); without an entry, the
 *     first strategy the datastore lists that is enabled (Trove's {@code backup_strategy})
 * @param chunkSize compressed bytes per stored chunk (64 KiB to 256 MiB; 8 MiB)
 * @param compressionLevel zstd level (1 to 19; 1)
 * @param keyFile the master key file of the default key provider, created 0600 on first use
 */
public record BackupConfig(
    Optional<List<String>> strategies,
    Map<String, String> choice,
    DataSize chunkSize,
    int compressionLevel,
    Path keyFile) {
  public BackupConfig {
    strategies = strategies.map(List::copyOf);
    choice = Map.copyOf(choice);
    requireNonNull(chunkSize, "chunkSize is null");
    requireNonNull(keyFile, "keyFile is null");
  }

  static BackupConfig from(PluginConfig config, Path dataDirectory, List<String> datastores) {
    Optional<List<String>> strategies =
        config
            .optionalString("backup.strategies")
            .map(text -> config.list("backup.strategies", List.of()));
    Map<String, String> choice = new LinkedHashMap<>();
    for (String entry : config.list("backup.choice", List.of())) {
      int equals = entry.indexOf('=');
      if (equals < 1) {
        throw config.invalid(
            "backup.choice", "entries are DATASTORE[:VERSION]=STRATEGY, e.g. postgresql=pg_dump");
      }
      String target = entry.substring(0, equals).trim();
      String strategy = entry.substring(equals + 1).trim();
      String datastore = target.contains(":") ? target.substring(0, target.indexOf(':')) : target;
      if (!datastores.contains(datastore)) {
        throw config.invalid(
            "backup.choice", "names datastore " + datastore + ", which is not enabled");
      }
      if (strategies.isPresent() && !strategies.get().contains(strategy)) {
        throw config.invalid(
            "backup.choice",
            "names strategy " + strategy + ", which is not in steward.backup.strategies");
      }
      if (choice.put(target, strategy) != null) {
        throw config.invalid("backup.choice", "names " + target + " twice");
      }
    }
    DataSize chunkSize = config.dataSize("backup.chunk-size", DataSize.ofMegabytes(8));
    if (chunkSize.bytes() < 64 * 1024 || chunkSize.bytes() > 256L * 1024 * 1024) {
      throw config.invalid("backup.chunk-size", "must be between 64KB and 256MB");
    }
    return new BackupConfig(
        strategies,
        choice,
        chunkSize,
        config.integer("backup.compression-level", 1, 1, 19),
        config.path("backup.key-file", dataDirectory.resolve("backup-master.key")));
  }
}
