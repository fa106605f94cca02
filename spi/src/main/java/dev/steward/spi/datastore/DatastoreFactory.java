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

/**
 * Creates a {@link Datastore}. Core calls {@link #create} once at boot, on the booting thread, for
 * each name listed in {@code steward.datastores}.
 */
public interface DatastoreFactory {
  /**
   * A unique short name such as {@code postgresql}: Trove's datastore type and the prefix of the
   * datastore's configuration properties.
   */
  String name();

  /** Creates the datastore; invalid configuration fails with {@code CONFIGURATION_INVALID}. */
  Datastore create(DatastoreContext context);
}
