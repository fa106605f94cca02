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
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.ServerState;
import java.time.Duration;

/**
 * Waits for a server started with {@link Host#startServer} to answer, the way every datastore's
 * {@code EngineLifecycle.start} must: poll a probe, fail fast when the process stays dead or keeps
 * crashing (the platform restarts it), give up with a retryable {@code ENGINE_UNAVAILABLE} at the
 * timeout. Called on the operation worker's thread; blocks.
 */
public final class ServerStartup {
  /** How long the process may stay dead before the wait gives up (a restart may be on its way). */
  static final Duration DEAD_GRACE = Duration.ofSeconds(2);

  /** Restarts by the platform during one wait after which a dead process counts as failed. */
  static final int CRASH_LOOP_RESTARTS = 2;

  private ServerStartup() {}

  /**
   * One attempt to reach the server. Returns normally when the server answers; throws any other
   * exception to say "not yet". A {@link StewardException} means waiting longer cannot help (for
   * example the administrator's password is refused) and ends the wait at once.
   */
  @FunctionalInterface
  public interface Probe {
    void check() throws Exception;
  }

  /**
   * Polls {@code probe} every {@code pollInterval} until it succeeds.
   *
   * @param engine the engine's name for messages, e.g. {@code PostgreSQL}
   * @param exited the datastore's non-retryable code for "the server exited while starting"
   * @throws StewardException {@code exited} when the process died, the probe's own coded failure,
   *     or a retryable {@code ENGINE_UNAVAILABLE} after {@code timeout}
   */
  public static void await(
      Host host,
      String engine,
      Duration timeout,
      Duration pollInterval,
      ErrorCodeSupplier exited,
      Probe probe) {
    requireNonNull(host, "host is null");
    requireNonNull(probe, "probe is null");
    long deadline = System.nanoTime() + timeout.toNanos();
    long deadSince = -1;
    int initialRestarts = host.serverState().restarts();
    Exception last = null;
    while (true) {
      try {
        probe.check();
        return;
      } catch (StewardException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      long now = System.nanoTime();
      ServerState state = host.serverState();
      if (state.running()) {
        deadSince = -1;
      } else if (deadSince < 0) {
        deadSince = now;
      }
      boolean crashLooping = state.restarts() - initialRestarts >= CRASH_LOOP_RESTARTS;
      if (deadSince >= 0 && (now - deadSince > DEAD_GRACE.toNanos() || crashLooping)) {
        throw new StewardException(
            exited,
            "The "
                + engine
                + " server of instance "
                + host.instanceId()
                + " exited while starting (restarts: "
                + state.restarts()
                + "); see its log in the instance's log directory");
      }
      if (now > deadline) {
        throw new StewardException(
            StandardErrorCode.ENGINE_UNAVAILABLE,
            "The "
                + engine
                + " server of instance "
                + host.instanceId()
                + " did not answer within "
                + timeout
                + " (last: "
                + last.getClass().getSimpleName()
                + ")",
            last);
      }
      try {
        Thread.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StewardException(
            StandardErrorCode.ENGINE_UNAVAILABLE, "Interrupted while waiting for the server", e);
      }
    }
  }
}
