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
package dev.steward.datastore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.Capability;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.DatastoreVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisPluginTest {
  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(StewardPlugin.class).stream().map(ServiceLoader.Provider::type))
        .contains(RedisPlugin.class);
  }

  @Test
  void offersTheRedisFactory() {
    List<DatastoreFactory> factories = new RedisPlugin().datastoreFactories();
    assertThat(factories).extracting(DatastoreFactory::name).containsExactly("redis");
  }

  @Test
  void errorCodesAreUniqueAndInTheModulesRange() {
    List<ErrorCodeSupplier> codes = new RedisPlugin().errorCodes();
    assertThat(codes).hasSize(RedisErrorCode.values().length);
    Set<Integer> numbers = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ErrorCodeSupplier supplier : codes) {
      ErrorCode code = supplier.toErrorCode();
      assertThat(code.code()).isBetween(0x0005_0000, 0x0005_FFFF);
      assertThat(numbers.add(code.code())).as(code.name()).isTrue();
      assertThat(names.add(code.name())).as(code.name()).isTrue();
    }
  }

  @Test
  void declaresUsersAndRootOnly() {
    PluginConfig config = new PluginConfig("redis", Map.of());
    Datastore datastore = new RedisDatastoreFactory().create(() -> config);
    config.requireAllKnown();
    assertThat(datastore.name()).isEqualTo("redis");
    assertThat(datastore.port()).isEqualTo(6379);
    assertThat(datastore.versions()).hasSize(1);
    for (DatastoreVersion version : datastore.versions()) {
      assertThat(datastore.capabilities(version))
          .containsExactlyInAnyOrder(Capability.USERS, Capability.ROOT);
    }
    assertThat(datastore.databases()).isEmpty();
    assertThat(datastore.users()).isPresent();
    assertThat(datastore.root()).isPresent();
    assertThat(datastore.root().get().userName()).isEqualTo("default");
  }
}
