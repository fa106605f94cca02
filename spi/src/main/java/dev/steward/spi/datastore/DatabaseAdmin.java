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

import java.util.List;

/**
 * Databases of an instance ({@link dev.steward.spi.Capability#DATABASES}).
 *
 * <p>{@link #validate} is called on request threads before anything is recorded; the others from
 * operation workers (mutations) or request threads (reads) while the server runs.
 */
public interface DatabaseAdmin {
  /**
   * Checks a database spec against the engine's rules (length, characters, reserved names,
   * supported character sets); throws {@code INVALID_NAME} or {@code INVALID_ARGUMENT}.
   */
  void validate(DatabaseSpec spec);

  /** Creates the database; does nothing when it exists already (a repeated step). */
  void create(InstanceContext instance, DatabaseSpec spec);

  /** The user databases, without the engine's system databases, sorted by name. */
  List<DatabaseInfo> list(InstanceContext instance);

  /** Drops the database; does nothing when it does not exist. */
  void delete(InstanceContext instance, String name);
}
