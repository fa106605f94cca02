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
package dev.steward.core.fakes;

import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.spi.platform.Resources;
import java.time.Instant;
import java.util.Optional;

/** Records the store tests write directly, without the services that normally make them. */
public final class Fixtures {
  private Fixtures() {}

  /** A BUILDING instance of datastore {@code test} 1, flavor 1, held by {@code operationId}. */
  public static Instance building(String instanceId, String tenantId, String operationId) {
    Instant now = Instant.now();
    return new Instance(
        instanceId,
        tenantId,
        "name",
        "test",
        "1",
        "1",
        new Resources(512, 1, 1),
        InstanceState.BUILDING,
        Optional.empty(),
        Optional.empty(),
        Optional.of(operationId),
        now,
        now);
  }
}
