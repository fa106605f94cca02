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
package dev.steward.spi.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.InstanceContext;
import java.util.List;

/**
 * One restore into a new instance.
 *
 * @param instance the new instance: for {@link RestoreMode#PHYSICAL} its host exists and no server
 *     runs (the engine is not prepared: the restore provides its files); for {@link
 *     RestoreMode#LOGICAL} the engine is prepared and running
 * @param tools how to reach the new instance's engine
 * @param chain the backups to apply, parent first (one for a full backup)
 */
public record RestoreRequest(
    InstanceContext instance, ToolEnvironment tools, List<RestorePart> chain) {
  public RestoreRequest {
    requireNonNull(instance, "instance is null");
    requireNonNull(tools, "tools is null");
    chain = List.copyOf(requireNonNull(chain, "chain is null"));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain is empty");
    }
  }
}
