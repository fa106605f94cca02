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
package dev.steward.datastore.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.steward.datastore.mongodb.ServerConfiguration.Mode;
import dev.steward.datastore.mongodb.ServerConfiguration.Settings;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import dev.steward.toolkit.engine.HostFiles;
import dev.steward.toolkit.engine.StartupPolicy;
import dev.steward.toolkit.engine.TemplateEngineLifecycle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * Prepare, start, stop and health of one instance's mongod, entirely through its {@link Host} and
 * the driver. Stateless; called by core's operation workers, one operation per instance at a time.
 *
 * <p>Prepare writes the configuration, then runs mongod once with authorization enabled and the
 * localhost exception open (the instance's address is a 127.x loopback address, which mongod counts
 * as localhost) to create Steward's administrator {@code steward_admin} (role {@code root} on
 * {@code admin}) with the instance's admin password, checks that the password works, and stops the
 * server. If another local client won the race for the localhost exception, creating the
 * administrator is refused; if both got through at once, the server holds a second user. Either way
 * prepare fails with the retryable {@code BOOTSTRAP_REFUSED} and the next prepare starts again from
 * an empty data directory. Later runs have the exception closed ({@code enableLocalhostAuthBypass:
 * false}). A marker written last makes prepare idempotent.
 *
 * <p>The server stops on SIGTERM, mongod's clean shutdown (SIGINT is handled the same way).
 */
final class MongodbLifecycle extends TemplateEngineLifecycle {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final MongodbConfig config;
  private final Optional<InstalledVersion> installation;
  private final EngineClients clients;

  MongodbLifecycle(
      MongodbConfig config, Optional<InstalledVersion> installation, EngineClients clients) {
    super(
        new StartupPolicy(
            "MongoDB", config.startupTimeout(), POLL_INTERVAL, MongodbErrorCode.SERVER_EXITED));
    this.config = requireNonNull(config, "config is null");
    this.installation = requireNonNull(installation, "installation is null");
    this.clients = requireNonNull(clients, "clients is null");
  }

  /** Before prepare changes anything: without a mongod it fails with BINARY_NOT_FOUND. */
  @Override
  protected void requireInstalled(InstanceContext instance) {
    mongod();
  }

  /** The serving and the bootstrap configuration files. */
  @Override
  protected void initialize(InstanceContext instance) {
    Host host = instance.host();
    Settings settings = settings(instance);
    HostFiles.writeUtf8(
        host,
        HostDirectory.CONFIG,
        ServerConfiguration.CONFIG_FILE,
        ServerConfiguration.yaml(settings, Mode.SERVE));
    HostFiles.writeUtf8(
        host,
        HostDirectory.CONFIG,
        ServerConfiguration.BOOTSTRAP_CONFIG_FILE,
        ServerConfiguration.yaml(settings, Mode.BOOTSTRAP));
  }

  @Override
  protected Optional<ServerSpec> bootstrapServer(InstanceContext instance) {
    return Optional.of(serverSpec(instance, Mode.BOOTSTRAP));
  }

  /**
   * With the bootstrap server (no authentication, localhost only): creates the administrator
   * through the localhost exception, proves its credential and that it is the only user, then
   * removes the bootstrap configuration.
   */
  @Override
  protected void bootstrap(InstanceContext instance) {
    awaitReady(instance, () -> ping(instance, Optional.empty()));
    createAdministrator(instance);
    probeUntilReady(instance);
    requireOnlyAdministrator(instance);
    instance.host().deleteFile(HostDirectory.CONFIG, ServerConfiguration.BOOTSTRAP_CONFIG_FILE);
  }

  @Override
  protected ServerSpec serverSpec(InstanceContext instance) {
    return serverSpec(instance, Mode.SERVE);
  }

  @Override
  protected void probeReady(InstanceContext instance) {
    ping(instance, Optional.of(EngineClients.adminCredential(instance.adminPassword())));
  }

  @Override
  protected Health probeHealth(InstanceContext instance) {
    try (MongoClient client =
        MongoClients.create(
            EngineClients.settings(
                instance.host().address(),
                Optional.of(EngineClients.adminCredential(instance.adminPassword())),
                PROBE_TIMEOUT))) {
      EngineClients.runOnAdmin(client, Commands.ping());
      return new Health(Health.Status.HEALTHY, "The server answers commands");
    } catch (MongoException e) {
      return new Health(
          Health.Status.RUNNING,
          "The server process runs but does not answer (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** {@code mongod --config <CONFIG>/<file>}, stopped with SIGTERM. */
  ServerSpec serverSpec(InstanceContext instance, Mode mode) {
    String file =
        mode == Mode.BOOTSTRAP
            ? ServerConfiguration.BOOTSTRAP_CONFIG_FILE
            : ServerConfiguration.CONFIG_FILE;
    return new ServerSpec(
        ServerConfiguration.arguments(
            mongod(), instance.host().directory(HostDirectory.CONFIG).resolve(file)),
        Map.of(),
        StopSignal.TERM,
        config.stopTimeout());
  }

  Settings settings(InstanceContext instance) {
    Host host = instance.host();
    return new Settings(
        host.address().getHostAddress(),
        host.directory(HostDirectory.DATA),
        host.directory(HostDirectory.RUN),
        instance.resources().ramMb(),
        config.maxConnections());
  }

  private Path mongod() {
    return installation
        .map(InstalledVersion::mongod)
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.BINARY_NOT_FOUND,
                "No mongod is installed (mongodb.mongod = " + config.mongod() + ")"));
  }

  /** Creates {@code steward_admin} through the localhost exception (no credential). */
  private void createAdministrator(InstanceContext instance) {
    try (MongoClient client =
        MongoClients.create(
            EngineClients.settings(
                instance.host().address(), Optional.empty(), config.commandTimeout()))) {
      EngineClients.runOnAdmin(
          client,
          Commands.createUser(
              Names.ADMIN_USER, instance.adminPassword(), Commands.superuserRoles()));
    } catch (MongoException e) {
      if (EngineClients.hasCode(e, 13)) {
        throw new StewardException(
            MongodbErrorCode.BOOTSTRAP_REFUSED,
            "The server of instance "
                + instance.instanceId()
                + " refused to create Steward's administrator: another client created a user"
                + " through the localhost exception first; prepare starts again from an empty"
                + " data directory",
            e);
      }
      throw EngineClients.translate(e, "Creating Steward's administrator");
    }
  }

  /**
   * Closes the race for the localhost exception: had another client created a user at the same
   * moment as Steward, both might have passed the server's "no user yet" check. The server must
   * hold exactly one user, Steward's administrator.
   */
  private void requireOnlyAdministrator(InstanceContext instance) {
    List<BsonDocument> users =
        clients.withAdmin(
            instance,
            "Listing the users of a new server",
            client -> Commands.users(EngineClients.runOnAdmin(client, Commands.everyUserInfo())));
    boolean onlyAdministrator =
        users.size() == 1
            && Commands.userName(users.getFirst()).equals(Names.ADMIN_USER)
            && users
                .getFirst()
                .getString("db", new BsonString(""))
                .getValue()
                .equals(Names.AUTH_DATABASE);
    if (!onlyAdministrator) {
      throw new StewardException(
          MongodbErrorCode.BOOTSTRAP_REFUSED,
          "The new server of instance "
              + instance.instanceId()
              + " holds "
              + users.size()
              + " users instead of Steward's administrator alone; prepare starts again from an"
              + " empty data directory");
    }
  }

  private void probeUntilReady(InstanceContext instance) {
    awaitReady(instance, () -> probeReady(instance));
  }

  /**
   * One {@code ping} (authenticated when a credential is given); a refused credential ends the wait
   * at once.
   */
  private static void ping(InstanceContext instance, Optional<MongoCredential> credential) {
    try (MongoClient client =
        MongoClients.create(
            EngineClients.settings(instance.host().address(), credential, PROBE_TIMEOUT))) {
      EngineClients.runOnAdmin(client, Commands.ping());
    } catch (MongoSecurityException e) {
      if (EngineClients.code(e) == MongodbErrorCode.ADMIN_AUTHENTICATION_FAILED) {
        throw EngineClients.translate(e, "Connecting as Steward's administrator");
      }
      throw e;
    }
  }
}
