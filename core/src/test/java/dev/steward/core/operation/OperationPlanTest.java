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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.model.Fault;
import dev.steward.core.operation.Step.StepAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one way to build a plan, and what a built plan holds. */
class OperationPlanTest {
  private static final StepAction NOTHING = context -> {};

  private final List<String> calls = new ArrayList<>();

  private static StepContext context(OperationResource resource) {
    Operation operation =
        new Operation(
            "operation-1",
            resource,
            "test.plan",
            OperationState.RUNNING,
            List.of("one"),
            0,
            0,
            Instant.now(),
            Optional.empty(),
            Optional.empty(),
            Instant.now(),
            Optional.empty());
    return new StepContext(operation, "{\"label\":\"typed\"}", new ObjectMapper());
  }

  record Payload(String label) {}

  @Test
  void stepsRunInTheOrderTheyWereAdded() {
    Step shared = Step.of("shared", NOTHING);
    OperationPlan plan =
        OperationPlan.builder("test.order")
            .step("first", NOTHING)
            .step(shared)
            .step("undone", NOTHING, NOTHING)
            .steps(List.of(Step.of("fourth", NOTHING), Step.of("fifth", NOTHING)))
            .build();

    assertThat(plan.type()).isEqualTo("test.order");
    assertThat(plan.steps())
        .extracting(Step::name)
        .containsExactly("first", "shared", "undone", "fourth", "fifth");
    assertThat(plan.step("shared")).containsSame(shared);
    assertThat(plan.step("missing")).isEmpty();
  }

  @Test
  void aStepWithoutCompensationHasNothingToUndo() {
    OperationPlan plan =
        OperationPlan.builder("test.undo")
            .step("plain", context -> calls.add("execute"))
            .step("undone", context -> calls.add("execute"), context -> calls.add("compensate"))
            .build();
    StepContext context = context(OperationResource.instance("i"));

    plan.step("plain").orElseThrow().compensate().run(context);
    plan.step("undone").orElseThrow().compensate().run(context);

    assertThat(calls).containsExactly("compensate");
  }

  @Test
  void hooksDefaultToNothingAndRunWhenGiven() {
    OperationPlan bare = OperationPlan.builder("test.bare").step("one", NOTHING).build();
    StepContext context = context(OperationResource.instance("i"));
    Fault fault = new Fault("X", "broken", Instant.now());
    bare.succeeded(null, context);
    bare.failed(null, context, fault);
    assertThat(calls).isEmpty();

    OperationPlan hooked =
        OperationPlan.builder("test.hooked")
            .step("one", NOTHING)
            .onSuccess((handle, c) -> calls.add("succeeded " + c.payload(Payload.class).label()))
            .onFailure((handle, c, f) -> calls.add("failed " + f.code()))
            .build();
    hooked.succeeded(null, context);
    hooked.failed(null, context, fault);
    assertThat(calls).containsExactly("succeeded typed", "failed X");
  }

  @Test
  void plansWorkOnInstancesUnlessTheySayOtherwise() {
    assertThat(OperationPlan.builder("test.a").build().resourceKind())
        .isEqualTo(OperationResource.Kind.INSTANCE);
    assertThat(
            OperationPlan.builder("test.b")
                .resource(OperationResource.Kind.BACKUP)
                .build()
                .resourceKind())
        .isEqualTo(OperationResource.Kind.BACKUP);
  }

  @Test
  void aStepNameIsUsedOnceAndIsAWordWithDashes() {
    OperationPlan.Builder twice =
        OperationPlan.builder("test.twice").step("same", NOTHING).step("same", NOTHING);
    assertThatThrownBy(twice::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names step same twice");
    // Names are stored comma-separated: no commas, no capitals, no spaces.
    for (String bad : List.of("a,b", "Upper", "with space", "-dash-first", "")) {
      assertThatThrownBy(() -> Step.of(bad, NOTHING))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aBuiltPlanDoesNotChangeWithItsBuilder() {
    OperationPlan.Builder builder = OperationPlan.builder("test.frozen").step("one", NOTHING);
    OperationPlan plan = builder.build();
    builder.step("two", NOTHING);
    assertThat(plan.steps()).extracting(Step::name).containsExactly("one");
    assertThatThrownBy(() -> plan.steps().add(Step.of("three", NOTHING)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullsAreRefusedWhereTheyAreGiven() {
    assertThatThrownBy(() -> OperationPlan.builder(null)).isInstanceOf(NullPointerException.class);
    OperationPlan.Builder builder = OperationPlan.builder("test.nulls");
    assertThatThrownBy(() -> builder.step(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.onSuccess(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.onFailure(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.resource(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.step("x", null)).isInstanceOf(NullPointerException.class);
  }
}
