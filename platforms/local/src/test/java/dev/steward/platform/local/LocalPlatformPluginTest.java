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
package dev.steward.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.platform.PlatformFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LocalPlatformPluginTest {
  @Test
  void registeredForServiceLoader() {
    List<StewardPlugin> plugins =
        ServiceLoader.load(StewardPlugin.class).stream().map(ServiceLoader.Provider::get).toList();

    assertThat(plugins).hasAtLeastOneElementOfType(LocalPlatformPlugin.class);
  }

  @Test
  void contributesTheLocalFactory() {
    List<PlatformFactory> factories = new LocalPlatformPlugin().platformFactories();

    assertThat(factories).singleElement().extracting(PlatformFactory::name).isEqualTo("local");
    assertThat(new LocalPlatformPlugin().datastoreFactories()).isEmpty();
  }

  @Test
  void errorCodesAreUniqueAndInTheLocalRange() {
    List<ErrorCode> codes =
        new LocalPlatformPlugin()
            .errorCodes().stream().map(ErrorCodeSupplier::toErrorCode).toList();

    assertThat(codes).isNotEmpty();
    assertThat(codes).extracting(ErrorCode::code).doesNotHaveDuplicates();
    assertThat(codes).extracting(ErrorCode::name).doesNotHaveDuplicates();
    assertThat(codes)
        .allSatisfy(code -> assertThat(code.code()).isBetween(0x0002_0000, 0x0002_FFFF));
  }
}
