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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Read access to operations: wait for one, show it, its step history, a resource's list. */
@Singleton
public final class OperationService {
  private final OperationEngine engine;
  private final OperationStore operations;

  @Inject
  public OperationService(OperationEngine engine, OperationStore operations) {
    this.engine = requireNonNull(engine, "engine is null");
    this.operations = requireNonNull(operations, "operations is null");
  }

  public Operation await(String operationId, Duration timeout) {
    return engine.await(operationId, timeout);
  }

  /** Waits and throws the operation's coded error if it failed. */
  public Operation awaitSuccess(String operationId, Duration timeout) {
    Operation operation = engine.await(operationId, timeout);
    if (operation.state() != OperationState.SUCCEEDED) {
      throw new StewardException(
          StandardErrorCode.ENGINE_ERROR,
          "Operation "
              + operation.type()
              + " failed with "
              + operation.errorCode().orElse("an unknown error")
              + ": "
              + operation.errorMessage().orElse(""));
    }
    return operation;
  }

  public Operation get(String operationId) {
    return operations
        .find(operationId)
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.NOT_FOUND, "Operation " + operationId + " not found"));
  }

  public List<StepRecord> history(String operationId) {
    return operations.history(operationId);
  }

  /** An instance's operations, newest first. */
  public List<Operation> forInstance(String instanceId) {
    return operations.forInstance(instanceId);
  }

  /** A resource's operations (an instance's, a backup's), newest first. */
  public List<Operation> forResource(OperationResource resource) {
    return operations.forResource(resource);
  }
}
