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

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.Capability;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.DatastoreVersion;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every datastore plugin jar must get right before any server runs: the {@code
 * META-INF/services} entry, the factory names, error codes unique and inside the plugin's range. An
 * engine's plugin test subclasses it and says what it offers; its own tests add what the created
 * datastore declares (see {@link #assertDeclares}).
 */
public abstract class BasePluginTest {
  private final StewardPlugin plugin;
  private final List<String> datastoreNames;
  private final int errorCodeBase;
  private final int errorCodeCount;

  /**
   * @param plugin an instance of the plugin under test
   * @param datastoreNames the names of the factories it offers, in order
   * @param errorCodeBase its error-code range is {@code base} to {@code base + 0xFFFF}
   * @param errorCodeCount how many codes its own enum declares
   */
  protected BasePluginTest(
      StewardPlugin plugin, List<String> datastoreNames, int errorCodeBase, int errorCodeCount) {
    this.plugin = requireNonNull(plugin, "plugin is null");
    this.datastoreNames = List.copyOf(datastoreNames);
    this.errorCodeBase = errorCodeBase;
    this.errorCodeCount = errorCodeCount;
  }

  @Test
  void isFoundByServiceLoader() {
    List<StewardPlugin> plugins =
        ServiceLoader.load(StewardPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
    assertThat(plugins).hasAtLeastOneElementOfType(plugin.getClass());
  }

  @Test
  void offersItsDatastoreFactories() {
    assertThat(plugin.datastoreFactories())
        .extracting(DatastoreFactory::name)
        .containsExactlyElementsOf(datastoreNames);
  }

  @Test
  void errorCodesAreUniqueAndInTheModulesRange() {
    List<ErrorCodeSupplier> codes = plugin.errorCodes();
    assertThat(codes).hasSize(errorCodeCount);
    Set<Integer> numbers = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ErrorCodeSupplier supplier : codes) {
      ErrorCode code = supplier.toErrorCode();
      assertThat(code.code()).isBetween(errorCodeBase, errorCodeBase + 0xFFFF);
      assertThat(numbers.add(code.code())).as(code.name()).isTrue();
      assertThat(names.add(code.name())).as(code.name()).isTrue();
    }
  }

  /**
   * The datastore has {@code name} and {@code port}, declares exactly {@code capabilities} for
   * every version, and implements the sub-interface of each declared capability and no other.
   */
  protected static void assertDeclares(
      Datastore datastore, String name, int port, Set<Capability> capabilities) {
    assertThat(datastore.name()).isEqualTo(name);
    assertThat(datastore.port()).isEqualTo(port);
    for (DatastoreVersion version : datastore.versions()) {
      assertThat(datastore.capabilities(version)).containsExactlyInAnyOrderElementsOf(capabilities);
    }
    assertThat(datastore.databases().isPresent())
        .isEqualTo(capabilities.contains(Capability.DATABASES));
    assertThat(datastore.users().isPresent()).isEqualTo(capabilities.contains(Capability.USERS));
    assertThat(datastore.root().isPresent()).isEqualTo(capabilities.contains(Capability.ROOT));
  }
}
