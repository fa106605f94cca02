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

import static java.util.Objects.requireNonNull;

/**
 * A version of an engine that instances can be created with.
 *
 * @param name the name clients use (Trove's datastore version name), such as {@code 15}
 * @param number the full version number of the installed engine, such as {@code 15.18}
 */
public record DatastoreVersion(String name, String number) {
  public DatastoreVersion {
    requireNonNull(name, "name is null");
    requireNonNull(number, "number is null");
  }
}
