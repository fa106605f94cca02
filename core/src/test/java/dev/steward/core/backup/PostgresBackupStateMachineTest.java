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
package dev.steward.core.backup;

import dev.steward.core.config.StewardConfig;
import dev.steward.core.store.SharedPostgres;
import dev.steward.core.store.Store;
import dev.steward.spi.PluginConfig;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backup state machine's SQL on the run's private PostgreSQL, the production store. */
@ExtendWith(SharedPostgres.class)
class PostgresBackupStateMachineTest extends BackupStateMachineTest {
  @Override
  Store openStore() {
    return new Store(
        StewardConfig.from(
            new PluginConfig(
                "steward",
                Map.of(
                    "datastores", "test",
                    "store.url", SharedPostgres.url(),
                    "store.user", "postgres",
                    "workers", "1"))));
  }

  @Override
  void dropStore() {
    // One database for the run; every test uses fresh ids.
  }
}
