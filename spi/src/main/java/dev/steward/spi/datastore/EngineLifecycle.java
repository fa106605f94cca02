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
package dev.steward.spi.datastore;

/**
 * The mandatory lifecycle of an instance's server.
 *
 * <p>Core calls these from operation workers (virtual threads), one operation per instance at a
 * time. Every method must be idempotent: after a control-plane crash core repeats the step that was
 * running, possibly over half-done work. A retryable {@link dev.steward.spi.StewardException} makes
 * core repeat the step after a back-off; any other failure makes it compensate the operation.
 */
public interface EngineLifecycle {
  /**
   * Initialises the engine's data directory and configuration on a new host, with the admin
   * password of the context and memory settings derived from its resources. The server is not
   * running. A previous, interrupted prepare must be detected and redone from scratch.
   */
  void prepare(InstanceContext instance);

  /**
   * Starts the server through {@link dev.steward.spi.platform.Host#startServer} and returns once it
   * accepts connections; fails with a retryable {@code ENGINE_UNAVAILABLE} when it does not become
   * ready in time. Does nothing more when it is already running.
   */
  void start(InstanceContext instance);

  /** Stops the server cleanly; does nothing when it is not running. */
  void stop(InstanceContext instance);

  /** Checks the server: process state and a real query. Never throws for an unhealthy engine. */
  Health health(InstanceContext instance);
}
