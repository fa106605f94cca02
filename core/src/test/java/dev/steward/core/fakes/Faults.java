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
package dev.steward.core.fakes;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StewardException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The switchboard of the fakes: every fake call passes {@link #check} with its name ({@code
 * provision}, {@code prepare}, {@code backup}, …), which journals it and then fails it or holds it
 * when a test asked so. A failure's retryability is its code's ({@code TIMEOUT} and {@code
 * ENGINE_UNAVAILABLE} are retryable, {@code ENGINE_ERROR} is not). Thread-safe.
 */
public final class Faults {
  private static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

  private final List<String> journal = new CopyOnWriteArrayList<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();
  private final Map<String, Boolean> crashes = new ConcurrentHashMap<>();

  private record Failure(ErrorCodeSupplier code, AtomicInteger remaining) {}

  /** The next call of {@code call} fails with {@code code}. */
  public Faults failOnce(String call, ErrorCodeSupplier code) {
    return failTimes(call, 1, code);
  }

  /** The next {@code times} calls of {@code call} fail with {@code code}. */
  public Faults failTimes(String call, int times, ErrorCodeSupplier code) {
    failures.put(call, new Failure(code, new AtomicInteger(times)));
    return this;
  }

  /** Every call of {@code call} fails with {@code code} until {@link #clear}. */
  public Faults failAlways(String call, ErrorCodeSupplier code) {
    return failTimes(call, Integer.MAX_VALUE, code);
  }

  /**
   * The next call of {@code call} dies with a {@link Crash}, which no worker catches: its operation
   * stays where it was, leased, as after a crash of the control plane inside that call, until the
   * lease expires and a worker resumes it. Checked before holds and failures.
   */
  public Faults crashOnce(String call) {
    crashes.put(call, true);
    return this;
  }

  /** The next call of {@code call} waits, once it was journaled, until the hold is released. */
  public Hold hold(String call) {
    Hold hold = new Hold(call);
    holds.put(call, hold);
    return hold;
  }

  /** Drops the failure and the hold armed for {@code call}. */
  public void clear(String call) {
    failures.remove(call);
    Hold hold = holds.remove(call);
    if (hold != null) {
      hold.release();
    }
  }

  /** How often {@code call} was made. */
  public int calls(String call) {
    return (int) journal.stream().filter(call::equals).count();
  }

  /** Every call, in order. */
  public List<String> journal() {
    return List.copyOf(journal);
  }

  /** Called by the fakes at the start of each call. */
  public void check(String call) {
    journal.add(call);
    if (crashes.remove(call) != null) {
      throw new Crash(call);
    }
    Hold hold = holds.remove(call);
    if (hold != null) {
      hold.await();
    }
    Failure failure = failures.get(call);
    if (failure != null && failure.remaining().getAndDecrement() > 0) {
      throw new StewardException(failure.code(), "fake " + call + " failed");
    }
  }

  /** A simulated crash of the control plane inside a call. */
  public static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String call) {
      super("simulated crash inside fake " + call);
    }
  }

  /** A held call: the test waits for it to arrive, looks around, then releases it. */
  public static final class Hold {
    private final String call;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(String call) {
      this.call = call;
    }

    /** Waits until the held call arrived (at most 30 s; fails otherwise). */
    public void awaitReached() {
      try {
        if (!reached.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("fake " + call + " was not called within " + HOLD_LIMIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for fake " + call, e);
      }
    }

    /** Lets the held call go on. */
    public void release() {
      released.countDown();
    }

    private void await() {
      reached.countDown();
      try {
        if (!released.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("fake " + call + " was held longer than " + HOLD_LIMIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
