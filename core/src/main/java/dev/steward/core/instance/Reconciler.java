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

import dev.steward.core.model.Fault;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs once at boot: every ACTIVE (or warm-pool POOLED) instance that no operation holds is handed
 * back to the platform, which re-adopts its running server (or restarts one that died while the
 * control plane was down). An instance whose host vanished goes to ERROR with a fault instead of
 * pretending to be ACTIVE. Operations in flight need nothing here: the operation engine resumes
 * them.
 */
@Singleton
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final Store store;
  private final InstanceStore instances;
  private final Plugins plugins;
  private final Clock clock;

  @Inject
  public Reconciler(Store store, InstanceStore instances, Plugins plugins, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void reconcile() {
    for (Instance instance :
        instances.listInStates(EnumSet.of(InstanceState.ACTIVE, InstanceState.POOLED))) {
      if (instance.activeOperation().isPresent()) {
        continue;
      }
      try {
        if (plugins.platform().find(instance.id()).isEmpty()) {
          LOG.warn("Instance {} lost its host; marking it ERROR", instance.id());
          Fault fault =
              new Fault(
                  StandardErrorCode.PLATFORM_FAILURE.name(),
                  "The instance's host no longer exists",
                  clock.instant());
          // Only if still idle: an operation that took the instance meanwhile (another node's
          // delete) must not find it in ERROR, from where its own final transition is refused
          // and the instance would stay locked. The transition's compare-and-set on the state
          // covers the rest of the window.
          store.inTransaction(handle -> {
            boolean idle =
                instances
                    .find(handle, instance.id())
                    .filter(current -> current.state() == instance.state())
                    .filter(current -> current.activeOperation().isEmpty())
                    .isPresent();
            if (idle) {
              instances.transition(
                  handle, instance.id(), InstanceState.ERROR, Optional.of(fault), clock.instant());
            }
            return null;
          });
        }
      } catch (RuntimeException e) {
        LOG.warn("Could not reconcile instance {}: {}", instance.id(), e.getMessage());
      }
    }
  }
}
