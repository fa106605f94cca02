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
package dev.steward.spi.platform;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run an engine's server process in the foreground. The platform starts it as the service
 * user, sends its output to the host's log directory, restarts it if it dies unexpectedly, and
 * stops it with {@code stopSignal} (escalating to SIGKILL after {@code stopTimeout}).
 *
 * @param arguments program and arguments; no secrets (they are visible in {@code ps})
 * @param environment extra environment, no secrets
 * @param stopSignal the engine's clean and fast shutdown signal
 * @param stopTimeout how long a clean shutdown may take before SIGKILL
 */
public record ServerSpec(
    List<String> arguments,
    Map<String, String> environment,
    StopSignal stopSignal,
    Duration stopTimeout) {
  public ServerSpec {
    arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    requireNonNull(stopSignal, "stopSignal is null");
    requireNonNull(stopTimeout, "stopTimeout is null");
    if (arguments.isEmpty()) {
      throw new IllegalArgumentException("arguments is empty");
    }
  }
}
