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

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.Capability;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.tck.BasePluginTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongodbPluginTest extends BasePluginTest {
  MongodbPluginTest() {
    super(new MongodbPlugin(), List.of("mongodb"), 0x0006_0000, MongodbErrorCode.values().length);
  }

  @TempDir Path directory;

  @Test
  void withoutMongodTheDatastoreOffersNoVersion() {
    PluginConfig config =
        new PluginConfig("mongodb", Map.of("mongod", "no-mongod-here-" + System.nanoTime()));
    Datastore datastore = new MongodbDatastoreFactory().create(() -> config);
    config.requireAllKnown();
    assertThat(datastore.name()).isEqualTo("mongodb");
    assertThat(datastore.versions()).isEmpty();
    assertThat(datastore.port()).isEqualTo(27017);
  }

  @Test
  void declaresDatabasesUsersAccessAndRoot() throws IOException {
    // A stand-in for `mongod --version` only; no server is started here.
    Path program = directory.resolve("mongod");
    Files.writeString(program, "#!/bin/sh\necho 'db version v8.0.4'\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    PluginConfig config = new PluginConfig("mongodb", Map.of("mongod", program.toString()));
    Datastore datastore = new MongodbDatastoreFactory().create(() -> config);
    assertThat(datastore.versions()).containsExactly(new DatastoreVersion("8.0", "8.0.4"));
    for (DatastoreVersion version : datastore.versions()) {
      assertThat(datastore.capabilities(version))
          .containsExactlyInAnyOrder(
              Capability.DATABASES, Capability.USERS, Capability.USER_ACCESS, Capability.ROOT);
    }
    assertThat(datastore.databases()).isPresent();
    assertThat(datastore.users()).isPresent();
    assertThat(datastore.root().orElseThrow().userName()).isEqualTo("root");
  }
}
