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
import dev.steward.spi.PluginConfig;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.tck.BasePluginTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisPluginTest extends BasePluginTest {
  RedisPluginTest() {
    super(new RedisPlugin(), List.of("redis"), 0x0005_0000, RedisErrorCode.values().length);
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
