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

import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.toolkit.engine.StartupPolicy;
import dev.steward.toolkit.engine.TemplateEngineLifecycle;
import java.time.Duration;
import java.util.Optional;

/**
 * Prepare, start, stop and health of one instance's etcd, entirely through its {@link Host} and the
 * HTTP gateway. Stateless; called by core's operation workers, one operation per instance at a
 * time. The toolkit's {@link TemplateEngineLifecycle} makes every step idempotent; this class fills
 * in its hooks.
 *
 * <p>etcd has no offline initialisation (no initdb): its data directory is created by the first
 * start, and users can only be added to a running server. So prepare runs the server once, turns on
 * authentication ({@link AuthBootstrap}) and stops it again, leaving the server stopped as the SPI
 * asks.
 */
final class EtcdLifecycle extends TemplateEngineLifecycle {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  private final EtcdConfig config;
  private final Gateway gateway;

  EtcdLifecycle(EtcdConfig config, Gateway gateway) {
    super(
        new StartupPolicy(
            "etcd", config.startupTimeout(), POLL_INTERVAL, EtcdErrorCode.SERVER_EXITED));
    this.config = requireNonNull(config, "config is null");
    this.gateway = requireNonNull(gateway, "gateway is null");
  }

  /** Nothing to write: the first start creates the data directory. */
  @Override
  protected void initialize(InstanceContext instance) {}

  @Override
  protected Optional<ServerSpec> bootstrapServer(InstanceContext instance) {
    return Optional.of(serverSpec(instance));
  }

  /** Turns on authentication with Steward's administrator and the root account. */
  @Override
  protected void bootstrap(InstanceContext instance) {
    awaitReady(instance, () -> probeReady(instance));
    AuthBootstrap.run(gateway, instance);
  }

  /** Proves the administrator's credentials now rather than at the first admin request. */
  @Override
  protected void afterStart(InstanceContext instance) {
    Session.admin(gateway, instance);
  }

  @Override
  protected Health probeHealth(InstanceContext instance) {
    if (gateway.healthy(instance.host().address())) {
      return new Health(Health.Status.HEALTHY, "The server answers reads through raft");
    }
    return new Health(Health.Status.RUNNING, "The server process runs but is not healthy");
  }

  @Override
  protected ServerSpec serverSpec(InstanceContext instance) {
    Host host = instance.host();
    return ServerCommand.spec(
        config,
        instance.instanceId(),
        host.address(),
        host.directory(HostDirectory.DATA),
        instance.resources());
  }

  /** {@code /health} until a leader serves reads. */
  @Override
  protected void probeReady(InstanceContext instance) {
    if (!gateway.healthy(instance.host().address())) {
      throw new IllegalStateException("not healthy yet");
    }
  }
}
