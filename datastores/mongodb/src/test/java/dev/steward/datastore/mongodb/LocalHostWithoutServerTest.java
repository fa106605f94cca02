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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.mongodb.ServerConfiguration.Mode;
import dev.steward.datastore.mongodb.ServerConfiguration.Settings;
import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import dev.steward.toolkit.engine.PreparedMarker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module on a real local-platform host (addresses 127.88.x.y) where no mongod runs: what can be
 * proven without a server. The configuration and command line prepare would use, refusals that come
 * before any connection (so they change nothing), and the retryable failure when the server is not
 * there. Everything that needs a mongod is the TCK's ({@link MongodRequirement}).
 */
class LocalHostWithoutServerTest {
  private static final DatastoreVersion VERSION = new DatastoreVersion("7.0", "7.0.14");
  private static final Path MONGOD = Path.of("/opt/mongodb/bin/mongod");

  @TempDir Path temporaryDirectory;

  private final String instanceId = "mg-" + UUID.randomUUID().toString().substring(0, 8);
  private final MongodbConfig config =
      new MongodbConfig(
          "no-mongod-" + UUID.randomUUID(),
          Duration.ofSeconds(5),
          Duration.ofSeconds(20),
          Duration.ofMillis(500),
          1000);
  private Platform platform;
  private Host host;
  private InstanceContext instance;
  private MongodbDatastore datastore;

  @BeforeEach
  void provision() throws IOException {
    Files.setPosixFilePermissions(temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    PluginConfig platformConfig =
        new PluginConfig(
            "local",
            Map.of(
                "base-dir",
                temporaryDirectory.resolve("i").toString(),
                "object-store-dir",
                temporaryDirectory.resolve("o").toString(),
                "address-prefix",
                "127.88",
                "stop-servers-on-close",
                "true"));
    platform = LocalPlatformFactory.standalone(platformConfig, temporaryDirectory);
    Resources resources = new Resources(4096, 2, 1);
    host = platform.provision(new HostRequest(instanceId, "mongodb", resources));
    instance = new InstanceContext(instanceId, VERSION, resources, host, Secret.of("Admin-pw-1"));
    datastore = new MongodbDatastore(config, Optional.empty());
  }

  @AfterEach
  void destroy() {
    if (platform != null) {
      platform.destroy(instanceId);
      platform.close();
    }
  }

  @Test
  void backupSupportGivesToolsTheAdministratorAndAdoptsRestoredFiles() {
    BackupSupport support = datastore.backups().orElseThrow();
    assertThat(support.strategies(VERSION)).containsExactly("mongodump");
    ToolEnvironment tools = support.tools(instance);
    assertThat(tools.properties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "host", host.address().getHostAddress(),
                "port", "27017",
                "user", "steward_admin",
                "auth-database", "admin"));
    assertThat(tools.secret("password")).isEqualTo(instance.adminPassword());

    host.writeFile(HostDirectory.DATA, "collection-0.wt", new byte[] {1});
    assertThat(PreparedMarker.isPrepared(host)).isFalse();
    support.restored(instance);
    support.restored(instance);
    assertThat(PreparedMarker.isPrepared(host)).isTrue();
    assertThat(
            new String(
                host.readFile(HostDirectory.CONFIG, ServerConfiguration.CONFIG_FILE).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8))
        .contains("bindIp: \"" + host.address().getHostAddress() + "\"")
        .contains("authorization: enabled")
        .contains("enableLocalhostAuthBypass: false");
    assertThat(host.readFile(HostDirectory.DATA, "collection-0.wt")).isPresent();
  }

  @Test
  void configurationUsesTheHostsAddressDirectoriesAndFlavor() {
    MongodbLifecycle lifecycle =
        new MongodbLifecycle(
            config,
            Optional.of(new InstalledVersion(MONGOD, VERSION)),
            new EngineClients(config.commandTimeout()));
    Settings settings = lifecycle.settings(instance);
    assertThat(settings.bindAddress())
        .isEqualTo(host.address().getHostAddress())
        .startsWith("127.88.");
    assertThat(settings.dataDirectory()).isEqualTo(host.directory(HostDirectory.DATA));
    assertThat(settings.socketDirectory()).isEqualTo(host.directory(HostDirectory.RUN));
    assertThat(ServerConfiguration.socketPath(settings.socketDirectory()).toString().length())
        .as("a unix socket path must stay under 108 bytes")
        .isLessThan(108);
    assertThat(ServerConfiguration.yaml(settings, Mode.SERVE))
        .contains("  bindIp: \"" + host.address().getHostAddress() + "\"\n")
        .contains("  dbPath: \"" + host.directory(HostDirectory.DATA) + "\"\n")
        .contains("    pathPrefix: \"" + host.directory(HostDirectory.RUN) + "\"\n")
        .contains("      cacheSizeGB: 1.5\n");

    Path configDirectory = host.directory(HostDirectory.CONFIG);
    ServerSpec serve = lifecycle.serverSpec(instance, Mode.SERVE);
    assertThat(serve.arguments())
        .containsExactly(
            MONGOD.toString(), "--config", configDirectory.resolve("mongod.conf").toString());
    assertThat(serve.stopSignal()).isEqualTo(StopSignal.TERM);
    assertThat(serve.stopTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(serve.environment()).isEmpty();
    assertThat(lifecycle.serverSpec(instance, Mode.BOOTSTRAP).arguments())
        .containsExactly(
            MONGOD.toString(),
            "--config",
            configDirectory.resolve("mongod-bootstrap.conf").toString());
    assertThat(String.join(" ", serve.arguments())).doesNotContain("Admin-pw-1");
  }

  @Test
  void lifecycleWithoutMongodChangesNothing() {
    host.writeFile(HostDirectory.DATA, "sentinel", "kept".getBytes(StandardCharsets.UTF_8));
    assertCode(() -> datastore.lifecycle().start(instance), StandardErrorCode.INVALID_STATE);
    assertCode(() -> datastore.lifecycle().prepare(instance), StandardErrorCode.BINARY_NOT_FOUND);
    assertThat(host.readFile(HostDirectory.DATA, "sentinel")).isPresent();
    assertThat(host.readFile(HostDirectory.CONFIG, ServerConfiguration.CONFIG_FILE)).isEmpty();
    assertThat(host.readFile(HostDirectory.CONFIG, PreparedMarker.FILE_NAME)).isEmpty();
    assertThat(datastore.lifecycle().health(instance).status()).isEqualTo(Health.Status.SHUTDOWN);
    datastore.lifecycle().stop(instance);
    assertThat(host.serverState().running()).isFalse();
  }

  @Test
  void invalidRequestsAreRefusedBeforeAnyConnection() {
    DatabaseAdmin databases = datastore.databases().orElseThrow();
    UserAdmin users = datastore.users().orElseThrow();
    RootAdmin root = datastore.root().orElseThrow();
    Secret password = Secret.of("User-pw-1");
    for (String name : List.of("a'b", "x; db.dropDatabase()", "admin", "my.db", "", "名前")) {
      assertCode(
          () -> databases.create(instance, DatabaseSpec.named(name)),
          StandardErrorCode.INVALID_NAME);
    }
    assertCode(() -> databases.delete(instance, "config"), StandardErrorCode.INVALID_NAME);
    assertCode(
        () ->
            databases.create(
                instance, new DatabaseSpec("shop", Optional.of("LATIN1"), Optional.empty())),
        StandardErrorCode.INVALID_ARGUMENT);
    assertCode(
        () ->
            databases.create(
                instance, new DatabaseSpec("shop", Optional.empty(), Optional.of("de_DE"))),
        StandardErrorCode.INVALID_ARGUMENT);
    for (String name : List.of("root", "steward_admin", "__system", "a\"b", "u".repeat(10_000))) {
      assertCode(
          () -> users.create(instance, new UserSpec(UserRef.of(name), password, List.of())),
          StandardErrorCode.INVALID_NAME);
    }
    assertCode(
        () -> users.create(instance, new UserSpec(UserRef.of("alice"), Secret.of(""), List.of())),
        StandardErrorCode.INVALID_ARGUMENT);
    assertCode(
        () -> users.create(instance, new UserSpec(UserRef.of("alice"), password, List.of("admin"))),
        StandardErrorCode.INVALID_NAME);
    assertCode(
        () -> users.delete(instance, new UserRef("alice", "10.0.0.1")),
        StandardErrorCode.INVALID_ARGUMENT);
    assertCode(() -> users.delete(instance, UserRef.of("root")), StandardErrorCode.INVALID_NAME);
    assertCode(
        () -> users.grant(instance, UserRef.of("alice"), List.of("local")),
        StandardErrorCode.INVALID_NAME);
    assertCode(() -> root.enable(instance, Secret.of("")), StandardErrorCode.INVALID_ARGUMENT);
    assertThat(users.find(instance, UserRef.of("steward_admin"))).isEmpty();
    assertThat(users.find(instance, UserRef.of("root"))).isEmpty();
  }

  @Test
  void noServerIsARetryableUnavailability() {
    DatabaseAdmin databases = datastore.databases().orElseThrow();
    assertThatThrownBy(() -> databases.list(instance))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(StandardErrorCode.ENGINE_UNAVAILABLE)).isTrue();
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.getMessage()).startsWith("Listing databases failed: ");
            });
  }

  private static void assertCode(ThrowingCallable call, ErrorCodeSupplier code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(code.toErrorCode()));
  }
}
