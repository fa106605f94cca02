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
package dev.steward.datastore.percona;

import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.tck.BaseDatabaseTest;
import dev.steward.tck.Tck;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

@Tck(PerconaTckEnvironment.class)
@ExtendWith(RequiresPerconaServer.class)
class PerconaDatabaseTest extends BaseDatabaseTest {
  @Override
  protected DatabaseSpec characterSetSpec(String name) {
    return new DatabaseSpec(name, Optional.of("utf8mb4"), Optional.of("utf8mb4_bin"));
  }

  @Override
  protected List<String> reservedDatabaseNames() {
    return List.of("mysql", "information_schema", "PERFORMANCE_SCHEMA", "sys");
  }
}
