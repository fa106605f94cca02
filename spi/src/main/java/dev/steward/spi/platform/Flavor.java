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
package dev.steward.spi.platform;

import static java.util.Objects.requireNonNull;

/**
 * A size an instance can be created with, as offered by the platform (Nova flavors on OpenStack).
 */
public record Flavor(String id, String name, int ramMb, int vcpus, int diskGb) {
  public Flavor {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    if (ramMb <= 0 || vcpus <= 0 || diskGb < 0) {
      throw new IllegalArgumentException("flavor sizes must be positive");
    }
  }
}
