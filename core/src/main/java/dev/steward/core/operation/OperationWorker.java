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

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.secret.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Works on one claimed operation until it ends, backs off, loses its lease or the engine stops:
 * executes its steps while RUNNING and compensates them while COMPENSATING, one step at a time,
 * re-reading the operation after each.
 */
final class OperationWorker {
  private final OperationStore operations;
  private final SecretBox secrets;
  private final ObjectMapper mapper;
  private final Function<String, OperationPlan> plans;
  private final OperationJournal journal;
  private final StepExecution execution;
  private final Compensation compensation;

  OperationWorker(
      OperationStore operations,
      SecretBox secrets,
      ObjectMapper mapper,
      Function<String, OperationPlan> plans,
      OperationJournal journal,
      StepRunner runner) {
    this.operations = requireNonNull(operations, "operations is null");
    this.secrets = requireNonNull(secrets, "secrets is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.plans = requireNonNull(plans, "plans is null");
    this.journal = requireNonNull(journal, "journal is null");
    this.execution = new StepExecution(journal, runner);
    this.compensation = new Compensation(journal, runner);
  }

  /** Runs the operation {@code id} this node claimed as {@code owner}. */
  void run(String id, String owner, BooleanSupplier stopping) {
    Operation operation = operations.find(id).orElseThrow();
    String json = new String(secrets.decrypt(operations.sealedPayload(id)), StandardCharsets.UTF_8);
    StepContext context =
        new StepContext(
            operation, json, mapper, (step, message) -> journal.noticed(id, owner, step, message));
    Claim claim = new Claim(id, owner, plans.apply(operation.type()), context);
    boolean going = true;
    while (going && !stopping.getAsBoolean()) {
      operation = operations.find(id).orElseThrow();
      going =
          switch (operation.state()) {
            case PENDING -> journal.advance(claim, operation, OperationState.RUNNING, 0);
            case RUNNING -> execution.next(claim, operation);
            case COMPENSATING -> compensation.next(claim, operation);
            case SUCCEEDED, FAILED -> false;
          };
    }
  }
}
