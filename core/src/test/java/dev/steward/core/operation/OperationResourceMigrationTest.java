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
package dev.steward.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store migration that gave operations their resource: rows written before it keep their id, an
 * instance's operations stay the instance's, and a backup's delete becomes the backup's.
 */
class OperationResourceMigrationTest {
  @TempDir Path directory;

  @Test
  void rowsOfTheOldSchemaGetTheirKind() throws IOException {
    String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";MODE=PostgreSQL";
    // The in-memory database lives as long as this handle (or the store's pool) is open.
    try (Handle handle = Jdbi.create(url, "steward", "").open()) {
      handle.execute(
          "CREATE TABLE schema_version (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL)");
      List<String> before = List.of("V1__init.sql", "V2__quotas.sql", "V3__backups.sql");
      for (int i = 0; i < before.size(); i++) {
        for (String statement : read(before.get(i)).split(";")) {
          if (!statement.isBlank()) {
            handle.execute(statement);
          }
        }
        handle.execute(
            "INSERT INTO schema_version (version, name) VALUES (?, ?)", i + 1, before.get(i));
      }
      insertOld(handle, "op-create", "instance-1", "instance.create");
      insertOld(handle, "op-delete", "backup-1", "backup.delete");
      insertOld(handle, "op-backup", "instance-1", "backup.create");
      assertMigrated(url);
    }
  }

  private void assertMigrated(String url) {
    try (EngineHarness harness = new EngineHarness(directory, url)) {
      OperationStore operations = harness.operations();
      assertThat(operations.find("op-create").orElseThrow().resource())
          .isEqualTo(OperationResource.instance("instance-1"));
      assertThat(operations.find("op-backup").orElseThrow().resource())
          .isEqualTo(OperationResource.instance("instance-1"));
      assertThat(operations.find("op-delete").orElseThrow().resource())
          .isEqualTo(OperationResource.backup("backup-1"));
      assertThat(operations.forInstance("instance-1"))
          .extracting(Operation::id)
          .containsExactlyInAnyOrder("op-create", "op-backup");
      assertThat(operations.forInstance("backup-1")).isEmpty();
      int applied =
          harness
              .store()
              .withHandle(handle ->
                  handle
                      .createQuery("SELECT MAX(version) FROM schema_version")
                      .mapTo(Integer.class)
                      .one());
      assertThat(applied).isEqualTo(Store.MIGRATION_COUNT);
    }
  }

  private static void insertOld(Handle handle, String id, String instanceId, String type) {
    handle.execute(
        "INSERT INTO operations (id, instance_id, type, state, steps, next_step, payload,"
            + " attempts, not_before, created_at, updated_at) VALUES (?, ?, ?, 'SUCCEEDED', 'one',"
            + " 1, 'sealed', 0, 0, 0, 0)",
        id,
        instanceId,
        type);
  }

  private static String read(String name) throws IOException {
    try (InputStream in = Store.class.getResourceAsStream("/db/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
