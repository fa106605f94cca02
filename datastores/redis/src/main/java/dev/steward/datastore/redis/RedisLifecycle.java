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
package dev.steward.datastore.redis;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import dev.steward.toolkit.engine.HostFiles;
import dev.steward.toolkit.engine.StartupPolicy;
import dev.steward.toolkit.engine.TemplateEngineLifecycle;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration, start, stop and health of one instance's {@code redis-server}, entirely through
 * its {@link Host} and Lettuce. Stateless; called by core's operation workers, one operation per
 * instance at a time. Every step is idempotent: prepare keeps a marker written last, start and stop
 * rely on the host's idempotent server control.
 *
 * <p>Prepare writes {@code redis.conf} and the ACL file {@code users.acl} (root disabled, Steward's
 * administrator with the hash of the instance's admin password) into CONFIG, both 0600 and owned by
 * the service user, and empties DATA. The server runs as {@code redis-server <CONFIG>/redis.conf}:
 * no password on its command line. Stop is SIGTERM through the platform (never a {@code SHUTDOWN}
 * command, which the platform would take for a crash and restart): Redis fsyncs the AOF, writes a
 * final RDB when save points are configured, and exits; the platform sends SIGKILL after {@code
 * redis.stop-timeout}. Ready means PING answered PONG to the administrator (Redis answers {@code
 * -LOADING} while it loads the data set).
 */
final class RedisLifecycle extends TemplateEngineLifecycle {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final RedisConfig config;
  private final EngineConnections connections;

  RedisLifecycle(RedisConfig config, EngineConnections connections) {
    super(
        new StartupPolicy(
            "Redis", config.startupTimeout(), POLL_INTERVAL, RedisErrorCode.SERVER_EXITED));
    this.config = requireNonNull(config, "config is null");
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  protected void initialize(InstanceContext instance) {
    writeConfiguration(instance);
  }

  /**
   * Writes {@code users.acl} (root disabled, Steward's administrator) and {@code redis.conf} into
   * CONFIG; DATA is not touched (prepare, and adopting a restored RDB).
   */
  void writeConfiguration(InstanceContext instance) {
    Host host = instance.host();
    HostFiles.writeUtf8(
        host,
        HostDirectory.CONFIG,
        ServerConfiguration.ACL_FILE_NAME,
        AclRules.aclFile(instance.adminPassword()));
    HostFiles.writeUtf8(
        host, HostDirectory.CONFIG, ServerConfiguration.FILE_NAME, redisConf(instance));
  }

  @Override
  protected Health probeHealth(InstanceContext instance) {
    try (StatefulRedisConnection<String, String> connection =
        connections.openAdmin(instance, PROBE_TIMEOUT)) {
      connection.sync().ping();
      return new Health(Health.Status.HEALTHY, "The server answers PING");
    } catch (RedisException e) {
      return new Health(
          Health.Status.RUNNING,
          "The server process runs but does not answer: " + EngineConnections.describe(e));
    }
  }

  /** The server as the platform runs it, in the foreground; SIGTERM is Redis's clean stop. */
  @Override
  protected ServerSpec serverSpec(InstanceContext instance) {
    String configFile =
        instance
            .host()
            .directory(HostDirectory.CONFIG)
            .resolve(ServerConfiguration.FILE_NAME)
            .toString();
    return new ServerSpec(
        List.of(config.serverBinary().toString(), configFile),
        Map.of(),
        StopSignal.TERM,
        config.stopTimeout());
  }

  String redisConf(InstanceContext instance) {
    Host host = instance.host();
    ServerConfiguration.Layout layout =
        new ServerConfiguration.Layout(
            host.address().getHostAddress(),
            host.directory(HostDirectory.DATA).toString(),
            host.directory(HostDirectory.CONFIG).toString(),
            host.directory(HostDirectory.RUN).toString());
    return ServerConfiguration.redisConf(
        layout, config, instance.resources().ramMb(), major(instance));
  }

  static int major(InstanceContext instance) {
    String name = instance.version().name();
    int dot = name.indexOf('.');
    return Integer.parseInt(dot < 0 ? name : name.substring(0, dot));
  }

  /** PING as the administrator; a refused password ends the wait at once. */
  @Override
  protected void probeReady(InstanceContext instance) {
    try (StatefulRedisConnection<String, String> connection =
        connections.openAdmin(instance, PROBE_TIMEOUT)) {
      connection.sync().ping();
    } catch (RedisException e) {
      if (EngineConnections.code(e) == RedisErrorCode.ADMIN_AUTHENTICATION_FAILED) {
        throw EngineConnections.translate(e, "Connecting as the administrator");
      }
      throw e;
    }
  }
}
