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

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.StandardErrorCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operation's states, the phases of a step and their outcomes: the declared transition table,
 * and the moves the engine makes staying on it (recorded as a worker sees them).
 */
class OperationStatesTest extends EngineTestBase {
  @Test
  void theTransitionTable() {
    assertThat(successors(OperationState.PENDING))
        .containsExactlyInAnyOrder(OperationState.RUNNING, OperationState.COMPENSATING);
    assertThat(successors(OperationState.RUNNING))
        .containsExactlyInAnyOrder(OperationState.SUCCEEDED, OperationState.COMPENSATING);
    assertThat(successors(OperationState.COMPENSATING)).containsExactly(OperationState.FAILED);
    assertThat(successors(OperationState.SUCCEEDED)).isEmpty();
    assertThat(successors(OperationState.FAILED)).isEmpty();
  }

  @Test
  void onlyTheEndsAreTerminalAndNothingGoesBack() {
    assertThat(EnumSet.allOf(OperationState.class).stream().filter(OperationState::terminal))
        .containsExactlyInAnyOrder(OperationState.SUCCEEDED, OperationState.FAILED);
    for (OperationState state : OperationState.values()) {
      assertThat(state.canBecome(OperationState.PENDING)).as("%s to PENDING", state).isFalse();
      assertThat(state.canBecome(state)).as("%s to itself", state).isFalse();
      if (state.terminal()) {
        assertThat(successors(state)).isEmpty();
      }
    }
    assertThat(OperationState.COMPENSATING.canBecome(OperationState.RUNNING)).isFalse();
    assertThat(OperationState.COMPENSATING.canBecome(OperationState.SUCCEEDED)).isFalse();
  }

  @Test
  void phasesAndOutcomes() {
    assertThat(StepPhase.values()).containsExactly(StepPhase.EXECUTE, StepPhase.COMPENSATE);
    assertThat(StepOutcome.values())
        .containsExactly(
            StepOutcome.STARTED,
            StepOutcome.DONE,
            StepOutcome.RETRY,
            StepOutcome.FAILED,
            StepOutcome.NOTICE);
    assertThat(EnumSet.allOf(StepOutcome.class).stream().filter(StepOutcome::ends))
        .containsExactly(StepOutcome.DONE, StepOutcome.RETRY, StepOutcome.FAILED);
  }

  @Test
  void aStepsNoticeIsRecordedInTheHistoryAndTheStepGoesOn() {
    Script script = new Script();
    script.on("execute:b", context -> context.notice("b", "users were not carried"));
    OperationEngine engine =
        harness.engine(script.plan("test.notice", List.of("a", "b", "c")).build()).start();

    Operation done = harness.await(engine, harness.submit(engine, "test.notice"));

    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    List<StepRecord> history = harness.operations().history(done.id());
    assertThat(history)
        .filteredOn(line -> line.outcome() == StepOutcome.NOTICE)
        .singleElement()
        .satisfies(line -> {
          assertThat(line.step()).isEqualTo("b");
          assertThat(line.phase()).isEqualTo(StepPhase.EXECUTE);
          assertThat(line.message()).contains("users were not carried");
        });
    assertThat(history)
        .filteredOn(line -> line.step().equals("b"))
        .extracting(StepRecord::outcome)
        .containsExactly(StepOutcome.STARTED, StepOutcome.NOTICE, StepOutcome.DONE);
  }

  @Test
  void theEngineMovesAlongTheTableAndNeverExecutesAfterCompensating() {
    Script script = new Script();
    script.on("execute:c", Script.fail(StandardErrorCode.ENGINE_UNAVAILABLE));
    script.on("execute:c", Script.fail(StandardErrorCode.COMMAND_FAILED));
    List<OperationState> trail = new CopyOnWriteArrayList<>();
    OperationListener states =
        new OperationListener() {
          @Override
          public void stepStarted(Operation operation, String step, StepPhase phase) {
            seen(operation);
          }

          @Override
          public void stepEnded(
              Operation operation, String step, StepPhase phase, StepOutcome outcome) {
            seen(operation);
          }

          @Override
          public void operationEnded(Operation operation) {
            seen(operation);
          }

          private void seen(Operation operation) {
            OperationState now = harness.reload(operation).state();
            if (trail.isEmpty() || trail.getLast() != now) {
              trail.add(now);
            }
          }
        };
    OperationEngine engine =
        harness
            .engine(script.plan("test.states", List.of("a", "b", "c")).build())
            .listener(states)
            .start();

    Operation done = harness.await(engine, harness.submit(engine, "test.states"));
    EngineHarness.eventually("the end was heard", () -> trail.getLast().terminal());

    assertThat(done.state()).isEqualTo(OperationState.FAILED);
    assertThat(trail)
        .containsExactly(
            OperationState.RUNNING, OperationState.COMPENSATING, OperationState.FAILED);
    for (int i = 1; i < trail.size(); i++) {
      assertThat(trail.get(i - 1).canBecome(trail.get(i))).isTrue();
    }
    List<StepRecord> history = harness.operations().history(done.id());
    List<StepPhase> phases = history.stream().map(StepRecord::phase).toList();
    int firstCompensation = phases.indexOf(StepPhase.COMPENSATE);
    assertThat(firstCompensation).isPositive();
    assertThat(phases.subList(firstCompensation, phases.size())).containsOnly(StepPhase.COMPENSATE);
    // Nobody crashed: every run that started ended, in one gapless sequence.
    long started = history.stream().filter(line -> line.outcome() == StepOutcome.STARTED).count();
    long ended = history.stream().filter(line -> line.outcome().ends()).count();
    assertThat(ended).isEqualTo(started);
    assertThat(history)
        .extracting(StepRecord::sequence)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, history.size()).boxed().toList());
  }

  private static Set<OperationState> successors(OperationState state) {
    Set<OperationState> next = EnumSet.noneOf(OperationState.class);
    for (OperationState candidate : OperationState.values()) {
      if (state.canBecome(candidate)) {
        next.add(candidate);
      }
    }
    return next;
  }
}
