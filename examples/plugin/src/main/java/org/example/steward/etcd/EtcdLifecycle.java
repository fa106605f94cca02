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
package org.example.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.toolkit.engine.PreparedMarker;
import dev.steward.toolkit.engine.ServerStartup;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Prepare, start, stop and health of one instance's etcd, entirely through its {@link Host} and the
 * HTTP gateway. Stateless; called by core's operation workers, one operation per instance at a
 * time. Every step is idempotent: prepare keeps a marker written last and starts over from an empty
 * data directory when it finds none; start and stop rely on the host's idempotent server control.
 *
 * <p>etcd has no offline initialisation (no initdb): its data directory is created by the first
 * start, and users can only be added to a running server. So prepare runs the server once, turns on
 * authentication ({@link AuthBootstrap}) and stops it again, leaving the server stopped as the SPI
 * asks.
 */
final class EtcdLifecycle implements EngineLifecycle {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  private static final System.Logger LOG = System.getLogger(EtcdLifecycle.class.getName());

  private final EtcdConfig config;
  private final Gateway gateway;

  EtcdLifecycle(EtcdConfig config, Gateway gateway) {
    this.config = requireNonNull(config, "config is null");
    this.gateway = requireNonNull(gateway, "gateway is null");
  }

  @Override
  public void prepare(InstanceContext instance) {
    Host host = instance.host();
    if (PreparedMarker.isPrepared(host)) {
      return;
    }
    // An interrupted prepare may have left its server running and a half-bootstrapped directory.
    host.stopServer();
    host.clear(HostDirectory.DATA);
    host.startServer(serverSpec(instance));
    try {
      awaitHealthy(instance);
      AuthBootstrap.run(gateway, instance);
    } finally {
      host.stopServer();
    }
    PreparedMarker.markPrepared(instance);
    LOG.log(
        Level.INFO,
        "Prepared etcd {0} with authentication for instance {1}",
        instance.version().number(),
        instance.instanceId());
  }

  @Override
  public void start(InstanceContext instance) {
    Host host = instance.host();
    PreparedMarker.requirePrepared(instance);
    host.startServer(serverSpec(instance));
    awaitHealthy(instance);
    // Proves the administrator's credentials now rather than at the first admin request.
    Session.admin(gateway, instance);
  }

  @Override
  public void stop(InstanceContext instance) {
    instance.host().stopServer();
  }

  @Override
  public Health health(InstanceContext instance) {
    try {
      if (!instance.host().serverState().running()) {
        return new Health(Health.Status.SHUTDOWN, "The server process is not running");
      }
      if (gateway.healthy(instance.host().address())) {
        return new Health(Health.Status.HEALTHY, "The server answers reads through raft");
      }
      return new Health(Health.Status.RUNNING, "The server process runs but is not healthy");
    } catch (RuntimeException e) {
      return new Health(
          Health.Status.RUNNING,
          "The server state could not be checked: " + e.getClass().getName());
    }
  }

  ServerSpec serverSpec(InstanceContext instance) {
    Host host = instance.host();
    return ServerCommand.spec(
        config,
        instance.instanceId(),
        host.address(),
        host.directory(HostDirectory.DATA),
        instance.resources());
  }

  /** Polls {@code /health} until a leader serves reads; fails fast when the process keeps dying. */
  private void awaitHealthy(InstanceContext instance) {
    Host host = instance.host();
    ServerStartup.await(
        host,
        "etcd",
        config.startupTimeout(),
        POLL_INTERVAL,
        EtcdErrorCode.SERVER_EXITED,
        () -> {
          if (!gateway.healthy(host.address())) {
            throw new IllegalStateException("not healthy yet");
          }
        });
  }
}
