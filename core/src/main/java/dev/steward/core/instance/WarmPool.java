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
package dev.steward.core.instance;

import static java.util.Objects.requireNonNull;

import dev.steward.core.config.StewardConfig;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.store.InstanceStore;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Flavor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm pool ({@code steward.warm-pool}): per datastore, a number of instances of the default
 * version, flavor and volume kept provisioned, prepared and running ahead of requests, owned by the
 * reserved tenant {@link #TENANT} in state POOLED. A create request of exactly that shape claims
 * the oldest one in one store transaction (see {@link InstanceRecorder#claim}), so a new instance
 * is ACTIVE in the time of a commit instead of an engine start; the pool refills in the background.
 *
 * <p>Pool instances are ordinary instances otherwise: created and deleted by durable operations,
 * re-adopted after a restart, never visible to a tenant. {@link #reconcile} (at start, after each
 * claim, and every {@link #PERIOD}) tops the pool up to its size, deletes pool instances that
 * failed or no longer match the configured shape, and trims extras when the size was lowered. After
 * a failed pool build it waits {@link #FAILURE_PAUSE} before building again, so a broken engine
 * does not loop. Several control planes sharing a store may overfill briefly; the next reconcile
 * trims.
 */
@Singleton
public final class WarmPool implements AutoCloseable {
  /** The owner of pool instances; no tenant can use this id. */
  public static final String TENANT = "steward:warm-pool";

  static final Duration PERIOD = Duration.ofSeconds(5);
  static final Duration FAILURE_PAUSE = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

  private final StewardConfig config;
  private final InstanceStore instances;
  private final InstanceRecorder recorder;
  private final Mutations mutations;
  private final Plugins plugins;
  private final Clock clock;
  private final Semaphore nudges = new Semaphore(0);
  private volatile Instant pausedUntil = Instant.MIN;
  private final ReentrantLock reconciling = new ReentrantLock();
  private volatile boolean draining;
  private volatile Thread loop;

  @Inject
  public WarmPool(
      StewardConfig config,
      InstanceStore instances,
      InstanceRecorder recorder,
      Mutations mutations,
      Plugins plugins,
      Clock clock) {
    this.config = requireNonNull(config, "config is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.recorder = requireNonNull(recorder, "recorder is null");
    this.mutations = requireNonNull(mutations, "mutations is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Refuses the pool's reserved owner as a tenant id (INVALID_ARGUMENT). */
  public static void requireTenant(String tenantId) {
    if (TENANT.equals(tenantId)) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT, "Tenant id " + tenantId + " is reserved");
    }
  }

  /** Starts the background loop when any pool size is configured. Called once by Steward. */
  public void start() {
    if (config.warmPool().isEmpty() && instances.listAll(TENANT).isEmpty()) {
      return;
    }
    loop = Thread.ofVirtual().name("steward-warm-pool").start(this::run);
  }

  /**
   * Per datastore, the pool instances that exist (building, ready, failed or being removed) and
   * those ready to be claimed.
   */
  public Map<String, PoolCount> counts() {
    Map<String, PoolCount> counts = new TreeMap<>();
    config.warmPool().keySet().forEach(name -> counts.put(name, new PoolCount(0, 0)));
    for (Instance instance : instances.listAll(TENANT)) {
      PoolCount count = counts.getOrDefault(instance.datastore(), new PoolCount(0, 0));
      boolean ready =
          instance.state() == InstanceState.POOLED && instance.activeOperation().isEmpty();
      counts.put(
          instance.datastore(),
          new PoolCount(count.existing() + 1, count.ready() + (ready ? 1 : 0)));
    }
    return counts;
  }

  /**
   * @param existing pool instances not yet deleted, in any state
   * @param ready those that a create request can claim now
   */
  public record PoolCount(int existing, int ready) {}

  /** Asks the loop to reconcile now (after a claim). */
  void nudge() {
    nudges.release();
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        reconcile();
      } catch (RuntimeException e) {
        LOG.warn("Warm pool reconcile failed; retrying in {}: {}", PERIOD, e.getMessage());
      }
      try {
        nudges.tryAcquire(PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        nudges.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * One pass: delete failed or mismatched pool instances, trim extras, build the missing ones. One
   * pass at a time on this node (the loop, a claim's nudge and a caller may ask at once; two passes
   * reading the same pool would both build what is missing).
   */
  public void reconcile() {
    reconciling.lock();
    try {
      reconcileOnce();
    } finally {
      reconciling.unlock();
    }
  }

  private void reconcileOnce() {
    List<Instance> pool = instances.listAll(TENANT);
    for (Instance instance : pool) {
      if (instance.activeOperation().isEmpty()
          && (instance.state() == InstanceState.ERROR
              || (instance.state() == InstanceState.POOLED && !matches(instance)))) {
        if (instance.state() == InstanceState.ERROR) {
          pausedUntil = clock.instant().plus(FAILURE_PAUSE);
          LOG.warn(
              "Warm pool instance {} failed ({}); deleting it",
              instance.id(),
              instance.fault().map(fault -> fault.message()).orElse("no fault recorded"));
        }
        delete(instance);
      }
    }
    for (Map.Entry<String, Integer> entry : config.warmPool().entrySet()) {
      List<Instance> live =
          pool.stream()
              .filter(instance -> instance.datastore().equals(entry.getKey()))
              .filter(this::matches)
              .filter(instance ->
                  EnumSet.of(InstanceState.BUILDING, InstanceState.POOLED)
                      .contains(instance.state()))
              .toList();
      int missing = entry.getValue() - live.size();
      for (int i = 0; i < -missing; i++) {
        live.stream()
            .filter(instance -> instance.state() == InstanceState.POOLED)
            .filter(instance -> instance.activeOperation().isEmpty())
            .skip(i)
            .findFirst()
            .ifPresent(this::delete);
      }
      if (missing > 0 && !draining && clock.instant().isAfter(pausedUntil)) {
        Datastore datastore = plugins.datastore(entry.getKey());
        for (int i = 0; i < missing; i++) {
          InstanceShape shape =
              new InstanceShape(
                  TENANT,
                  "warm-pool-" + datastore.name(),
                  datastore,
                  defaultVersion(datastore),
                  defaultFlavor(),
                  config.defaultVolumeGb());
          Instance built =
              recorder.record(
                  shape,
                  InstancePlans.CREATE_POOLED,
                  new Payloads.Create(List.of(), List.of()),
                  Set.of(),
                  Optional.empty(),
                  InstanceRecorder.NOTHING);
          LOG.info("Warm pool: building {} instance {}", datastore.name(), built.id());
        }
      }
    }
    for (Instance instance : pool) {
      if (!config.warmPool().containsKey(instance.datastore())
          && instance.state() == InstanceState.POOLED
          && instance.activeOperation().isEmpty()) {
        delete(instance);
      }
    }
  }

  private boolean matches(Instance instance) {
    if (!config.warmPool().containsKey(instance.datastore())) {
      return false;
    }
    Datastore datastore = plugins.datastore(instance.datastore());
    return instance.datastoreVersion().equals(defaultVersion(datastore).name())
        && instance.flavorId().equals(config.defaultFlavor())
        && instance.resources().volumeGb() == config.defaultVolumeGb();
  }

  private DatastoreVersion defaultVersion(Datastore datastore) {
    return plugins.version(datastore, Optional.empty());
  }

  private Flavor defaultFlavor() {
    return plugins.platform().flavors().stream()
        .filter(flavor -> flavor.id().equals(config.defaultFlavor()))
        .findFirst()
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.CONFIGURATION_INVALID,
                "Warm pool: default flavor " + config.defaultFlavor() + " does not exist"));
  }

  private void delete(Instance instance) {
    try {
      mutations.submitAs(
          TENANT,
          instance.id(),
          EnumSet.of(InstanceState.POOLED, InstanceState.ERROR),
          Optional.of(InstanceState.DELETING),
          InstancePlans.DELETE,
          new Payloads.None());
    } catch (StewardException e) {
      // Claimed or locked meanwhile: the next pass looks again.
      LOG.debug("Warm pool: not deleting {} now: {}", instance.id(), e.getMessage());
    }
  }

  /**
   * Stops building and deletes every pool instance of this store, returning once none is left
   * (TIMEOUT otherwise): before the control plane's data is removed, or to retire a pool at once
   * instead of through a lowered size and a restart. Building resumes only after a restart.
   */
  public void drain(Duration timeout) {
    draining = true;
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      List<Instance> pool = instances.listAll(TENANT);
      if (pool.isEmpty()) {
        return;
      }
      for (Instance instance : pool) {
        if (instance.activeOperation().isEmpty()
            && EnumSet.of(InstanceState.POOLED, InstanceState.ERROR).contains(instance.state())) {
          delete(instance);
        }
      }
      if (clock.instant().isAfter(deadline)) {
        throw new StewardException(
            StandardErrorCode.TIMEOUT,
            "The warm pool still holds " + pool.size() + " instances after " + timeout);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StewardException(StandardErrorCode.TIMEOUT, "Interrupted while draining");
      }
    }
  }

  @Override
  public void close() {
    Thread running = loop;
    if (running != null) {
      running.interrupt();
      try {
        running.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
