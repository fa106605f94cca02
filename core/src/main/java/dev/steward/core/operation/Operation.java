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
package dev.steward.core.operation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A durable operation: a declared list of steps, persisted before the request is acknowledged and
 * executed by whichever worker holds its lease.
 *
 * @param resource what the operation works on (an instance, or a backup for a backup's delete)
 * @param steps the step names of the plan, fixed at creation
 * @param nextStep while RUNNING, the index of the next step to execute; while COMPENSATING, the
 *     index of the next step to compensate (counting down)
 * @param attempts failed attempts of the current step (retryable failures)
 * @param notBefore the earliest time a worker may pick it up (back-off after a retryable failure)
 */
public record Operation(
    String id,
    OperationResource resource,
    String type,
    OperationState state,
    List<String> steps,
    int nextStep,
    int attempts,
    Instant notBefore,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Instant created,
    Optional<Instant> finished) {
  public Operation {
    requireNonNull(id, "id is null");
    requireNonNull(resource, "resource is null");
    requireNonNull(type, "type is null");
    requireNonNull(state, "state is null");
    steps = List.copyOf(steps);
    requireNonNull(notBefore, "notBefore is null");
    requireNonNull(errorCode, "errorCode is null");
    requireNonNull(errorMessage, "errorMessage is null");
    requireNonNull(created, "created is null");
    requireNonNull(finished, "finished is null");
  }
}
