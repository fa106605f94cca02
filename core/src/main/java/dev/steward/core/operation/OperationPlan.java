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

import dev.steward.core.model.Fault;
import dev.steward.core.operation.Step.StepAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The declared steps of one operation type, the kind of resource it works on, and what happens to
 * that resource when the operation ends. Plans are built one way:
 *
 * <pre>{@code
 * OperationPlan.builder("instance.restart")
 *     .step("stop-engine", this::stop)
 *     .step("start-engine", this::start)
 *     .onSuccess((handle, context) -> ...)
 *     .onFailure((handle, context, fault) -> ...)
 *     .build();
 * }</pre>
 *
 * <p>The finishing hooks run inside the transaction that ends the operation (and releases the
 * instance's lock), so the resource's final state, the lock release and the operation's end are
 * atomic. A plan for another kind of resource than an instance releases that resource's lock in its
 * hooks.
 */
public final class OperationPlan {
  private static final SuccessHook NO_SUCCESS_HOOK = (handle, context) -> {};
  private static final FailureHook NO_FAILURE_HOOK = (handle, context, fault) -> {};

  private final String type;
  private final OperationResource.Kind resourceKind;
  private final Map<String, Step> steps;
  private final SuccessHook onSuccess;
  private final FailureHook onFailure;

  private OperationPlan(Builder builder) {
    this.type = builder.type;
    this.resourceKind = builder.resourceKind;
    this.onSuccess = builder.onSuccess;
    this.onFailure = builder.onFailure;
    Map<String, Step> byName = new LinkedHashMap<>();
    for (Step step : builder.steps) {
      if (byName.putIfAbsent(step.name(), step) != null) {
        throw new IllegalArgumentException(
            "Plan " + type + " names step " + step.name() + " twice");
      }
    }
    this.steps = byName;
  }

  /** Starts a plan of {@code type} (e.g. {@code instance.create}) on an instance. */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** The operation type, e.g. {@code instance.create}. */
  public String type() {
    return type;
  }

  /** The kind of resource the plan's operations work on. */
  public OperationResource.Kind resourceKind() {
    return resourceKind;
  }

  /** The steps, in execution order; compensation runs them backwards. */
  public List<Step> steps() {
    return List.copyOf(steps.values());
  }

  public Optional<Step> step(String name) {
    return Optional.ofNullable(steps.get(name));
  }

  /** Runs inside the finishing transaction when every step completed. */
  void succeeded(Handle handle, StepContext context) {
    onSuccess.run(handle, context);
  }

  /** Runs inside the finishing transaction after compensation; {@code fault} is why it failed. */
  void failed(Handle handle, StepContext context, Fault fault) {
    onFailure.run(handle, context, fault);
  }

  /** What a plan does to its resource when every step completed. */
  @FunctionalInterface
  public interface SuccessHook {
    void run(Handle handle, StepContext context);
  }

  /** What a plan does to its resource after compensating a failure. */
  @FunctionalInterface
  public interface FailureHook {
    void run(Handle handle, StepContext context, Fault fault);
  }

  /** Collects a plan's steps and hooks; steps run in the order they are added. */
  public static final class Builder {
    private final String type;
    private final List<Step> steps = new ArrayList<>();
    private OperationResource.Kind resourceKind = OperationResource.Kind.INSTANCE;
    private SuccessHook onSuccess = NO_SUCCESS_HOOK;
    private FailureHook onFailure = NO_FAILURE_HOOK;

    private Builder(String type) {
      this.type = requireNonNull(type, "type is null");
    }

    /** The kind of resource the operations work on ({@code INSTANCE} unless said otherwise). */
    public Builder resource(OperationResource.Kind kind) {
      this.resourceKind = requireNonNull(kind, "kind is null");
      return this;
    }

    /** A step with nothing to undo. */
    public Builder step(String name, StepAction execute) {
      return step(Step.of(name, execute));
    }

    /** A step undone by {@code compensate} when a later (or this) step fails for good. */
    public Builder step(String name, StepAction execute, StepAction compensate) {
      return step(Step.of(name, execute, compensate));
    }

    /** A step shared by several plans. */
    public Builder step(Step step) {
      steps.add(requireNonNull(step, "step is null"));
      return this;
    }

    /** Steps shared by several plans, in order. */
    public Builder steps(List<Step> more) {
      more.forEach(this::step);
      return this;
    }

    public Builder onSuccess(SuccessHook hook) {
      this.onSuccess = requireNonNull(hook, "hook is null");
      return this;
    }

    public Builder onFailure(FailureHook hook) {
      this.onFailure = requireNonNull(hook, "hook is null");
      return this;
    }

    public OperationPlan build() {
      return new OperationPlan(this);
    }
  }
}
