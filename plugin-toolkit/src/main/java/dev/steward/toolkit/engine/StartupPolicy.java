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
package dev.steward.toolkit.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.ErrorCodeSupplier;
import java.time.Duration;

/**
 * How {@link TemplateEngineLifecycle} waits for an engine's server: the engine's name for messages
 * and logs, how long and how often to poll, and the engine's code for "the server exited while
 * starting". Built once by the engine's lifecycle constructor from its typed configuration.
 *
 * @param engine the engine's display name, such as {@code PostgreSQL}
 * @param timeout how long a start may take before a retryable {@code ENGINE_UNAVAILABLE}
 * @param pollInterval the pause between two readiness probes
 * @param serverExited the engine's non-retryable code for a server that died while starting
 */
public record StartupPolicy(
    String engine, Duration timeout, Duration pollInterval, ErrorCodeSupplier serverExited) {
  public StartupPolicy {
    requireNonNull(engine, "engine is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(pollInterval, "pollInterval is null");
    requireNonNull(serverExited, "serverExited is null");
    if (timeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("timeout or pollInterval is not positive");
    }
  }

  /** The same policy with another poll interval (a second, slower wait of the same engine). */
  public StartupPolicy withPollInterval(Duration interval) {
    return new StartupPolicy(engine, timeout, interval, serverExited);
  }
}
