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

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.SpiVersion;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.platform.PlatformFactory;
import java.util.Arrays;
import java.util.List;

/** ServiceLoader entry of the local platform; core instantiates it once at boot. */
public final class LocalPlatformPlugin implements StewardPlugin {
  @Override
  public int spiVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public List<PlatformFactory> platformFactories() {
    return List.of(new LocalPlatformFactory());
  }

  @Override
  public List<ErrorCodeSupplier> errorCodes() {
    return Arrays.asList(LocalPlatformErrorCode.values());
  }
}
