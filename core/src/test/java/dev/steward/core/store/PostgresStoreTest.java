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
package dev.steward.core.store;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against a private PostgreSQL server started for this class. */
class PostgresStoreTest extends StoreContractTest {
  private static PrivatePostgres server;

  @BeforeAll
  static void startServer() throws Exception {
    server = PrivatePostgres.start(Files.createTempDirectory("steward-pg"), "127.91.0.1");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  String url() {
    return server.url();
  }
}
