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

import dev.steward.core.config.StewardConfig;
import dev.steward.spi.StewardException;
import java.time.Duration;
import java.util.Optional;

/**
 * When a failed step (or compensation) runs again: a retryable error is retried until the step has
 * failed {@code maxAttempts} times, after a back-off that starts at {@code firstBackoff} and
 * doubles up to {@code maxBackoff} (the cap wins over the first); any other error is final at once.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
  /** The longest back-off of the engine's policy. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    requireNonNull(firstBackoff, "firstBackoff is null");
    requireNonNull(maxBackoff, "maxBackoff is null");
    if (firstBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "back-offs must not be negative: " + firstBackoff + ", " + maxBackoff);
    }
  }

  /** The policy of {@code steward.max-attempts} and {@code steward.retry-backoff}. */
  public static RetryPolicy from(StewardConfig config) {
    return new RetryPolicy(config.maxAttempts(), config.retryBackoff(), MAX_BACKOFF);
  }

  /**
   * How long to back off before the next attempt after the step failed with {@code error} for the
   * {@code failures}-th time; empty when the failure is final.
   */
  public Optional<Duration> retryAfter(StewardException error, int failures) {
    if (!error.isRetryable() || failures >= maxAttempts) {
      return Optional.empty();
    }
    return Optional.of(backoff(failures));
  }

  /** The back-off after the {@code failures}-th failure (1 or more): doubling, capped. */
  public Duration backoff(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1: " + failures);
    }
    Duration delay = firstBackoff.multipliedBy(1L << Math.min(failures - 1, 16));
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }
}
