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

import dev.steward.core.model.Fault;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The declared steps of one operation type, plus what happens to the resource when the operation
 * ends. The finishing hooks run inside the transaction that ends the operation and releases the
 * instance's lock, so the resource's final state and the lock release are atomic.
 */
public interface OperationPlan {
  /** The operation type, e.g. {@code instance.create}. */
  String type();

  /** The steps, in execution order; compensation runs them backwards. */
  List<Step> steps();

  /** Runs inside the finishing transaction when every step completed. */
  default void succeeded(Handle handle, StepContext context) {}

  /** Runs inside the finishing transaction after compensation; {@code fault} is why it failed. */
  default void failed(Handle handle, StepContext context, Fault fault) {}

  default Optional<Step> step(String name) {
    return steps().stream().filter(step -> step.name().equals(name)).findFirst();
  }
}
