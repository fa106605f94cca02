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
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.DatastoreVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongodbPluginTest {
  @TempDir Path directory;

  @Test
  void isFoundByServiceLoader() {
    List<StewardPlugin> plugins =
        ServiceLoader.load(StewardPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    assertThat(plugins).hasAtLeastOneElementOfType(MongodbPlugin.class);
  }

  @Test
  void offersTheMongodbFactory() {
    assertThat(new MongodbPlugin().datastoreFactories())
        .extracting(DatastoreFactory::name)
        .containsExactly("mongodb");
  }

  @Test
  void errorCodesAreUniqueAndInTheModulesRange() {
    List<ErrorCodeSupplier> codes = new MongodbPlugin().errorCodes();
    assertThat(codes).hasSize(MongodbErrorCode.values().length);
    Set<Integer> numbers = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ErrorCodeSupplier supplier : codes) {
      ErrorCode code = supplier.toErrorCode();
      assertThat(code.code()).isBetween(0x0006_0000, 0x0006_FFFF);
      assertThat(numbers.add(code.code())).as(code.name()).isTrue();
      assertThat(names.add(code.name())).as(code.name()).isTrue();
    }
  }

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
