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

/** How a strategy's restore meets the engine. */
public enum RestoreMode {
  /**
   * The restore writes the engine's files while no server runs (a base backup, a physical copy, an
   * RDB file); the datastore then adopts them ({@code BackupSupport.restored}) and core starts the
   * engine only after every chunk was verified.
   */
  PHYSICAL,
  /**
   * The restore feeds a running, freshly prepared engine (a dump through its client). Core verifies
   * every chunk in a full pass before the engine sees a byte.
   */
  LOGICAL
}
