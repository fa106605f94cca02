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

import dev.steward.core.operation.Step.StepAction;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StewardException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Steps whose behaviour a test scripts. Every run of an action is written to the journal first
 * ({@code execute:two}, {@code compensate:two}, {@code succeeded}, {@code failed:CODE}), then does
 * what the script says for that run: the first run takes the first scripted behaviour, the next run
 * the next one, and a run past the script completes.
 */
final class Script {
  private final List<String> journal = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<StepAction>> behaviours = new ConcurrentHashMap<>();
  private final CountDownLatch crashed = new CountDownLatch(1);

  /** The worker dies in the middle of the run: nothing after it is written, as in a crash. */
  static final class Crash extends Error {
    Crash(String where) {
      super("simulated crash in " + where, null, false, false);
    }
  }

  /** Scripts the next runs of {@code key} ({@code execute:NAME}, {@code compensate:NAME}, ...). */
  Script on(String key, StepAction... runs) {
    Deque<StepAction> queue = behaviours.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addAll(List.of(runs));
    }
    return this;
  }

  /** A run that fails with {@code code} (retryable or not, as the code says). */
  static StepAction fail(ErrorCodeSupplier code) {
    return context -> {
      throw new StewardException(code, "scripted failure");
    };
  }

  /** {@code times} runs failing with {@code code}. */
  static StepAction[] fail(ErrorCodeSupplier code, int times) {
    StepAction[] runs = new StepAction[times];
    Arrays.fill(runs, fail(code));
    return runs;
  }

  /** A run that throws what no step should: an unexpected, uncoded exception. */
  static StepAction unexpected() {
    return context -> {
      throw new IllegalStateException("scripted bug");
    };
  }

  /** A run during which the worker crashes. */
  StepAction crash() {
    return context -> {
      crashed.countDown();
      throw new Crash(context.operationId());
    };
  }

  /** A run that stalls until {@code release} opens, after telling {@code stalled}. */
  static StepAction stall(CountDownLatch stalled, CountDownLatch release) {
    return context -> {
      stalled.countDown();
      await(release);
    };
  }

  /** As {@link #stall}, then fails with {@code code}. */
  static StepAction stallThenFail(
      CountDownLatch stalled, CountDownLatch release, ErrorCodeSupplier code) {
    return context -> {
      stalled.countDown();
      await(release);
      throw new StewardException(code, "failed after stalling");
    };
  }

  /** Waits until a scripted crash happened. */
  void awaitCrash() {
    await(crashed);
  }

  List<String> journal() {
    return List.copyOf(journal);
  }

  /** How often {@code key} ran. */
  long count(String key) {
    return journal.stream().filter(key::equals).count();
  }

  StepAction execute(String step) {
    return context -> run("execute:" + step, context);
  }

  StepAction compensate(String step) {
    return context -> run("compensate:" + step, context);
  }

  /**
   * A plan of {@code type} with these steps, each compensated, whose hooks write {@code succeeded}
   * and {@code failed:CODE} after running what is scripted for them.
   */
  OperationPlan.Builder plan(String type, List<String> steps) {
    OperationPlan.Builder builder = OperationPlan.builder(type);
    steps.forEach(step -> builder.step(step, execute(step), compensate(step)));
    return builder
        .onSuccess((handle, context) -> run("succeeded", context))
        .onFailure((handle, context, fault) -> run("failed:" + fault.code(), context));
  }

  private void run(String key, StepContext context) {
    journal.add(key);
    Deque<StepAction> queue = behaviours.get(key);
    StepAction next = null;
    if (queue != null) {
      synchronized (queue) {
        next = queue.poll();
      }
    }
    if (next != null) {
      next.run(context);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("a scripted wait timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** How long a test waits for something the engine does within a few poll intervals. */
  static final Duration PATIENCE = Duration.ofSeconds(10);
}
