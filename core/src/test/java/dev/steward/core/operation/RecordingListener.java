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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes what the listeners hear, as {@code STEP PHASE OUTCOME} and {@code ended STATE}. */
final class RecordingListener implements OperationListener {
  private final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void stepStarted(Operation operation, String step, StepPhase phase) {
    events.add(step + " " + phase + " " + StepOutcome.STARTED);
  }

  @Override
  public void stepEnded(Operation operation, String step, StepPhase phase, StepOutcome outcome) {
    events.add(step + " " + phase + " " + outcome);
  }

  @Override
  public void operationEnded(Operation operation) {
    events.add("ended " + operation.state());
  }

  List<String> events() {
    return List.copyOf(events);
  }
}
