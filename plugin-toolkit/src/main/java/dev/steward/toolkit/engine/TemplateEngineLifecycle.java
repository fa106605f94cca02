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

import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The engine lifecycle every datastore shares, written once: core's operation workers call the
 * final {@link EngineLifecycle} methods, which call the few protected hooks the engine fills in.
 *
 * <p>{@link #prepare}: nothing when {@link PreparedMarker} says a previous prepare completed;
 * otherwise {@link #requireInstalled} (which fails before anything changes), then stops a server an
 * interrupted attempt may have left running, empties DATA, calls {@link #initialize} (data
 * directory and configuration files), and, when {@link #bootstrapServer} names one, runs that
 * server around {@link #bootstrap} (administrator creation and the like). The marker is written
 * last, so a crash at any point makes the next prepare start again from scratch.
 *
 * <p>{@link #start}: refuses an unprepared host, starts {@link #serverSpec} through the platform
 * and polls {@link #probeReady} with {@link ServerStartup#await} under the engine's {@link
 * StartupPolicy}, then calls {@link #afterStart}. {@link #stop} stops the server. {@link #health}
 * answers SHUTDOWN without a process, else {@link #probeHealth}; it never throws.
 *
 * <p>All methods run on an operation worker's thread and block; the hooks are called on that thread
 * too. Implementations hold no per-instance state (one lifecycle serves every instance).
 */
public abstract class TemplateEngineLifecycle implements EngineLifecycle {
  private static final System.Logger LOG =
      System.getLogger(TemplateEngineLifecycle.class.getName());

  private final StartupPolicy startup;

  protected TemplateEngineLifecycle(StartupPolicy startup) {
    this.startup = requireNonNull(startup, "startup is null");
  }

  @Override
  public final void prepare(InstanceContext instance) {
    requireNonNull(instance, "instance is null");
    Host host = instance.host();
    if (PreparedMarker.isPrepared(host)) {
      return;
    }
    requireInstalled(instance);
    // An interrupted prepare may have left its bootstrap server running and a half-written data
    // directory that the engine's initializer refuses to reuse: start again from nothing.
    host.stopServer();
    host.clear(HostDirectory.DATA);
    initialize(instance);
    Optional<ServerSpec> bootstrapServer = bootstrapServer(instance);
    if (bootstrapServer.isPresent()) {
      host.startServer(bootstrapServer.get());
      try {
        bootstrap(instance);
      } finally {
        host.stopServer();
      }
    }
    PreparedMarker.markPrepared(instance);
    LOG.log(
        Level.INFO,
        "Prepared {0} {1} for instance {2}",
        startup.engine(),
        instance.version().number(),
        instance.instanceId());
  }

  @Override
  public final void start(InstanceContext instance) {
    requireNonNull(instance, "instance is null");
    PreparedMarker.requirePrepared(instance);
    instance.host().startServer(serverSpec(instance));
    awaitReady(instance, () -> probeReady(instance));
    afterStart(instance);
  }

  @Override
  public final void stop(InstanceContext instance) {
    instance.host().stopServer();
  }

  @Override
  public final Health health(InstanceContext instance) {
    try {
      if (!instance.host().serverState().running()) {
        return new Health(Health.Status.SHUTDOWN, "The server process is not running");
      }
      return probeHealth(instance);
    } catch (RuntimeException e) {
      return new Health(
          Health.Status.RUNNING,
          "The server state could not be checked: " + e.getClass().getName());
    }
  }

  /** The engine's startup policy (name, timeout, poll interval, exit code). */
  protected final StartupPolicy startupPolicy() {
    return startup;
  }

  /**
   * Polls {@code probe} under the engine's policy until the server answers; for hooks that wait for
   * a server of their own (the bootstrap server, a server run once after a restore).
   */
  protected final void awaitReady(InstanceContext instance, ServerStartup.Probe probe) {
    awaitReady(instance, startup, probe);
  }

  /** {@link #awaitReady(InstanceContext, ServerStartup.Probe)} under another policy. */
  protected final void awaitReady(
      InstanceContext instance, StartupPolicy policy, ServerStartup.Probe probe) {
    ServerStartup.await(
        instance.host(),
        policy.engine(),
        policy.timeout(),
        policy.pollInterval(),
        policy.serverExited(),
        probe);
  }

  /**
   * Fails (typically {@code BINARY_NOT_FOUND}) when the engine cannot run on this control plane;
   * prepare calls it before it changes anything on the host. Does nothing by default.
   */
  protected void requireInstalled(InstanceContext instance) {}

  /**
   * Prepare's work on an empty DATA directory with no server running: write the configuration, run
   * the engine's initializer. Secrets it writes to files must be deleted before it returns.
   */
  protected abstract void initialize(InstanceContext instance);

  /**
   * The server {@link #bootstrap} needs during prepare, or empty (the default) when the engine
   * bootstraps without one.
   */
  protected Optional<ServerSpec> bootstrapServer(InstanceContext instance) {
    return Optional.empty();
  }

  /**
   * Prepare's work with the {@link #bootstrapServer} spawned (not yet awaited): wait for it with
   * {@link #awaitReady(InstanceContext, ServerStartup.Probe)}, create the administrator. The
   * template stops the server afterwards, also when this fails. Does nothing by default.
   */
  protected void bootstrap(InstanceContext instance) {}

  /** The server as the platform runs and supervises it, in the foreground. */
  protected abstract ServerSpec serverSpec(InstanceContext instance);

  /**
   * One attempt to reach the started server as the administrator (see {@link ServerStartup.Probe}):
   * returns when it answers, throws to say "not yet", throws a {@code StewardException} when
   * waiting cannot help (the password is refused).
   */
  protected abstract void probeReady(InstanceContext instance) throws Exception;

  /** Called once the server answers at {@link #start}; nothing by default. */
  protected void afterStart(InstanceContext instance) {}

  /**
   * The health of a server whose process runs: HEALTHY when it answers a real request, RUNNING when
   * it does not (the engine's client exceptions are caught here and described). A runtime exception
   * it lets escape becomes RUNNING as well.
   */
  protected abstract Health probeHealth(InstanceContext instance);
}
