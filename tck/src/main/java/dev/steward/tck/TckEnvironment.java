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
package dev.steward.tck;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How an engine module runs the TCK: which datastore, which configuration (platform and datastore
 * properties) and which client.
 */
public interface TckEnvironment {
  /** The datastore under test, e.g. {@code postgresql}. */
  String datastore();

  /**
   * Properties for Steward beyond {@code steward.data-dir} and {@code steward.datastores}, such as
   * the platform's base directory under {@code dataDirectory} and a private address range.
   */
  Map<String, String> properties(Path dataDirectory);

  EngineClient client();

  /** Data for the backup suite; empty when the engine module gives none (the suite then fails). */
  default Optional<BackupDataSet> backupData() {
    return Optional.empty();
  }
}
