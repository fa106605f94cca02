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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;

/**
 * What a step sees of its operation: ids, the resource, the decrypted, typed payload, and a way to
 * leave a notice in the operation's history.
 */
public final class StepContext {
  private final Operation operation;
  private final String payloadJson;
  private final ObjectMapper mapper;
  private final Notices notices;

  /** Where {@link #notice} records: the operation's history, fenced by the worker's lease. */
  interface Notices {
    void record(String step, String message);
  }

  StepContext(Operation operation, String payloadJson, ObjectMapper mapper) {
    this(operation, payloadJson, mapper, (step, message) -> {});
  }

  StepContext(Operation operation, String payloadJson, ObjectMapper mapper, Notices notices) {
    this.operation = requireNonNull(operation, "operation is null");
    this.payloadJson = requireNonNull(payloadJson, "payloadJson is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.notices = requireNonNull(notices, "notices is null");
  }

  /**
   * Records {@code message} in the operation's history as a {@link StepOutcome#NOTICE} of {@code
   * step}, for the caller to read (what a restore did not carry over, say). Not recorded when the
   * worker lost its lease: the step then runs again elsewhere and notices again.
   */
  public void notice(String step, String message) {
    notices.record(
        requireNonNull(step, "step is null"), requireNonNull(message, "message is null"));
  }

  public String operationId() {
    return operation.id();
  }

  public OperationResource resource() {
    return operation.resource();
  }

  /** The id of the instance the operation works on; INTERNAL_ERROR for another kind. */
  public String instanceId() {
    OperationResource resource = operation.resource();
    if (resource.kind() != OperationResource.Kind.INSTANCE) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR,
          "Operation " + operation.id() + " works on " + resource + ", not on an instance");
    }
    return resource.id();
  }

  public <T> T payload(Class<T> type) {
    try {
      return mapper.readValue(payloadJson, type);
    } catch (JsonProcessingException e) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR, "Unreadable payload of operation " + operation.id());
    }
  }
}
