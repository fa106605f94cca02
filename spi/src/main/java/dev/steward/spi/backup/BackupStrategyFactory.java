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

import dev.steward.spi.PluginConfig;

/**
 * Creates a {@link BackupStrategy}. A plugin lists it in {@code
 * StewardPlugin.backupStrategyFactories()}; core creates each strategy once at boot, on the booting
 * thread, with its configuration (properties under the strategy's name as prefix, e.g. {@code
 * pg_dump.jobs}) and closes it at shutdown. Which strategies are created: those named in {@code
 * steward.backup.strategies}, or without that property every strategy on the class path; of these,
 * core keeps those that serve an enabled datastore version ({@link BackupStrategy#serves}) and
 * closes the others at once.
 */
public interface BackupStrategyFactory {
  /** Unique strategy name: lower case letters, digits, {@code _} and {@code -}. */
  String name();

  BackupStrategy create(PluginConfig config);
}
