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
package dev.steward.datastore.mongodb;

import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.tck.BaseDatabaseTest;
import dev.steward.tck.Tck;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

@Tck(MongodbTckEnvironment.class)
@ExtendWith(MongodRequirement.class)
class MongodbDatabaseTest extends BaseDatabaseTest {
  /** The only character set and collation a MongoDB database can be described with. */
  @Override
  protected DatabaseSpec characterSetSpec(String name) {
    return new DatabaseSpec(name, Optional.of("UTF-8"), Optional.of("simple"));
  }

  @Override
  protected List<String> reservedDatabaseNames() {
    return List.of("admin", "local", "config", "ADMIN", "my.db", "a/b", "a b", "a$b");
  }
}
