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

import static dev.steward.tck.EngineFlowFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.Resources;
import dev.steward.tck.EngineFlowFixture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The datastore against a real redis-server run by the real local platform: lifecycle, ACL users
 * and what they may not do, root as the default user, persistence of users and data across a
 * restart, and the promise that no password reaches a process's command line, the server log or any
 * file of the instance.
 */
class LocalPlatformFlowTest {
  @TempDir Path temporaryDirectory;

  private final String instanceId = EngineFlowFixture.instanceId("rd-flow");
  private final Secret adminPassword = secret("admin");
  private final Secret alicePassword = secret("alice");
  private final Secret bobPassword = secret("bob");
  private final Secret rootPassword = secret("root");
  private final Secret alicePasswordChanged = secret("alice2-\u00e4\u00f6");

  private EngineFlowFixture fixture;
  private Datastore datastore;
  private Host host;
  private InstanceContext instance;
  private InetSocketAddress endpoint;

  @BeforeEach
  void provision() throws IOException {
    Files.setPosixFilePermissions(temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    fixture =
        EngineFlowFixture.open(
            LocalPlatformFactory.inDirectory(temporaryDirectory, "127.87"),
            new RedisDatastoreFactory(),
            new PluginConfig("redis", Map.of()),
            instanceId,
            new Resources(512, 1, 1),
            adminPassword,
            List.of(adminPassword, alicePassword, bobPassword, rootPassword, alicePasswordChanged));
    datastore = fixture.datastore();
    host = fixture.host();
    instance = fixture.instance();
    endpoint = new InetSocketAddress(host.address(), datastore.port());
  }

  @AfterEach
  void destroy() throws InterruptedException {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void lifecycleUsersAndRootWithoutLeakingPasswords() throws Exception {
    EngineLifecycle lifecycle = datastore.lifecycle();
    assertCode(() -> lifecycle.start(instance), StandardErrorCode.INVALID_STATE);

    // An interrupted prepare (or a stray server) left data behind: prepare starts over.
    host.writeFile(HostDirectory.DATA, "dump.rdb", "junk".getBytes(StandardCharsets.UTF_8));
    lifecycle.prepare(instance);
    assertThat(host.readFile(HostDirectory.DATA, "dump.rdb")).isEmpty();
    host.writeFile(HostDirectory.DATA, "sentinel", new byte[] {1});
    lifecycle.prepare(instance);
    assertThat(host.readFile(HostDirectory.DATA, "sentinel"))
        .as("second prepare is a no-op")
        .isPresent();
    host.deleteFile(HostDirectory.DATA, "sentinel");
    Path configDirectory = host.directory(HostDirectory.CONFIG);
    for (String file : List.of("redis.conf", "users.acl")) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(configDirectory.resolve(file))))
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(configDirectory.resolve("redis.conf")))
        .contains("maxmemory " + 384L * 1024 * 1024)
        .contains("maxmemory-policy noeviction")
        .contains("appendonly yes");

    lifecycle.start(instance);
    assertThat(lifecycle.health(instance).status()).isEqualTo(Health.Status.HEALTHY);
    long pid = host.serverState().pid().orElseThrow();
    lifecycle.start(instance);
    assertThat(host.serverState().pid()).hasValue(pid);
    assertThat(((RedisLifecycle) lifecycle).serverSpec(instance).arguments())
        .as("the server's arguments: binary and configuration file only")
        .containsExactly(
            RedisConfig.DEFAULT_SERVER_BINARY.toString(),
            configDirectory.resolve("redis.conf").toString());
    // Redis replaces its process title with "<binary> <address>:<port>".
    assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline")))
        .startsWith(RedisConfig.DEFAULT_SERVER_BINARY.toString());

    users();
    root();
    restartKeepsUsersRootAndData();
    cleanUp();

    lifecycle.stop(instance);
    assertThat(lifecycle.health(instance).status()).isEqualTo(Health.Status.SHUTDOWN);
    lifecycle.stop(instance);
    assertThat(host.directory(HostDirectory.DATA).resolve("dump.rdb"))
        .as("SIGTERM wrote a final snapshot")
        .exists();

    startFailsFastWhenTheServerCannotRun();
    assertNoPasswordLeaked();
  }

  private void users() {
    UserAdmin users = datastore.users().orElseThrow();
    UserRef alice = UserRef.of("alice");
    UserRef bob = UserRef.of("Bob.B");
    users.create(instance, new UserSpec(alice, alicePassword, List.of()));
    users.create(instance, new UserSpec(alice, alicePassword, List.of()));
    users.create(instance, new UserSpec(bob, bobPassword, List.of()));
    assertCode(
        () -> users.create(instance, new UserSpec(UserRef.of("carol"), bobPassword, List.of("db"))),
        StandardErrorCode.NOT_SUPPORTED);
    assertCode(
        () ->
            users.create(
                instance, new UserSpec(new UserRef("dave", "10.0.0.1"), bobPassword, List.of())),
        StandardErrorCode.INVALID_ARGUMENT);
    assertCode(
        () -> users.create(instance, new UserSpec(UserRef.of("default"), bobPassword, List.of())),
        StandardErrorCode.INVALID_NAME);
    assertCode(() -> users.grant(instance, alice, List.of("0")), StandardErrorCode.NOT_SUPPORTED);
    assertCode(() -> users.revoke(instance, alice, "0"), StandardErrorCode.NOT_SUPPORTED);
    assertCode(() -> users.access(instance, alice), StandardErrorCode.NOT_SUPPORTED);
    assertThat(users.list(instance))
        .containsExactly(new UserInfo(bob, List.of()), new UserInfo(alice, List.of()));
    assertThat(users.find(instance, alice)).contains(new UserInfo(alice, List.of()));
    assertThat(users.find(instance, UserRef.of("nobody"))).isEmpty();
    assertThat(users.find(instance, UserRef.of("steward_admin"))).isEmpty();
    assertThat(users.find(instance, UserRef.of("default"))).isEmpty();

    try (StatefulRedisConnection<String, String> connection = connect("alice", alicePassword)) {
      RedisCommands<String, String> commands = connection.sync();
      commands.set("shared", "by alice");
      commands.select(3);
      commands.set("in-db-3", "x");
      for (List<String> command :
          List.of(
              List.of("CONFIG", "GET", "dir"),
              List.of("CONFIG", "SET", "dir", "/tmp"),
              List.of("ACL", "SETUSER", "alice", "+@all"),
              List.of("ACL", "LIST"),
              List.of("SHUTDOWN", "NOSAVE"),
              List.of("DEBUG", "SLEEP", "0"),
              List.of("MODULE", "LIST"),
              List.of("REPLICAOF", "127.0.0.1", "6379"),
              List.of("FLUSHALL"),
              List.of("KEYS", "*"))) {
        assertRefused(commands, command);
      }
    }
    try (StatefulRedisConnection<String, String> connection = connect("Bob.B", bobPassword)) {
      assertThat(connection.sync().get("shared"))
          .as("no access control between users")
          .isEqualTo("by alice");
    }
    assertThat(canLogin("alice", bobPassword)).isFalse();
    assertThat(canLogin("steward_admin", alicePassword)).isFalse();
  }

  private void root() {
    RootAdmin root = datastore.root().orElseThrow();
    assertThat(root.userName()).isEqualTo("default");
    assertThat(root.isEnabled(instance)).isFalse();
    assertThat(canLoginWithPasswordOnly(rootPassword)).isFalse();
    root.enable(instance, rootPassword);
    root.enable(instance, rootPassword);
    assertThat(root.isEnabled(instance)).isTrue();
    assertThat(canLogin("default", rootPassword)).isTrue();
    assertThat(canLoginWithPasswordOnly(rootPassword))
        .as("AUTH <password>, as with requirepass")
        .isTrue();
    try (StatefulRedisConnection<String, String> held = connect("default", rootPassword)) {
      RedisCommands<String, String> commands = held.sync();
      assertThat(commands.keys("*")).contains("shared");
      assertThat(commands.aclWhoami()).isEqualTo("default");
      for (List<String> command :
          List.of(
              List.of("CONFIG", "GET", "dir"),
              List.of("ACL", "SETUSER", "steward_admin", "off"),
              List.of("ACL", "LIST"),
              List.of("SHUTDOWN", "NOSAVE"),
              List.of("REPLICAOF", "127.0.0.1", "6379"))) {
        assertRefused(commands, command);
      }
      assertThat(datastore.users().orElseThrow().list(instance))
          .extracting(info -> info.user().name())
          .doesNotContain("default", "steward_admin");
      root.disable(instance);
      assertThatThrownBy(commands::ping).as("root's open connection is ended").isNotNull();
    }
    root.disable(instance);
    assertThat(root.isEnabled(instance)).isFalse();
    assertThat(canLogin("default", rootPassword)).isFalse();
    assertThat(canLoginWithPasswordOnly(rootPassword)).isFalse();
    root.enable(instance, rootPassword);
  }

  private void restartKeepsUsersRootAndData() {
    datastore.lifecycle().stop(instance);
    datastore.lifecycle().start(instance);
    assertThat(datastore.root().orElseThrow().isEnabled(instance)).isTrue();
    assertThat(canLogin("default", rootPassword)).isTrue();
    try (StatefulRedisConnection<String, String> connection = connect("alice", alicePassword)) {
      assertThat(connection.sync().get("shared")).isEqualTo("by alice");
    }
    datastore.root().orElseThrow().disable(instance);
  }

  private void cleanUp() {
    UserAdmin users = datastore.users().orElseThrow();
    UserRef alice = UserRef.of("alice");
    users.changePassword(instance, alice, alicePasswordChanged);
    assertThat(canLogin("alice", alicePassword)).isFalse();
    assertThat(canLogin("alice", alicePasswordChanged)).isTrue();
    assertCode(
        () -> users.changePassword(instance, UserRef.of("nobody"), bobPassword),
        StandardErrorCode.NOT_FOUND);
    try (StatefulRedisConnection<String, String> held = connect("alice", alicePasswordChanged)) {
      users.delete(instance, alice);
      assertThatThrownBy(() -> held.sync().ping())
          .as("a dropped user's connection ends")
          .isNotNull();
    }
    users.delete(instance, alice);
    users.delete(instance, UserRef.of("Bob.B"));
    assertThat(users.list(instance)).isEmpty();
    assertThat(canLogin("alice", alicePasswordChanged)).isFalse();
    assertCode(
        () -> users.delete(instance, UserRef.of("steward_admin")), StandardErrorCode.INVALID_NAME);
    assertThat(datastore.lifecycle().health(instance).status()).isEqualTo(Health.Status.HEALTHY);
  }

  private void startFailsFastWhenTheServerCannotRun() {
    byte[] good = host.readFile(HostDirectory.CONFIG, "redis.conf").orElseThrow();
    host.writeFile(
        HostDirectory.CONFIG,
        "redis.conf",
        (new String(good, StandardCharsets.UTF_8) + "maxmemory plenty\n")
            .getBytes(StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> datastore.lifecycle().start(instance))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> {
                assertThat(e.is(RedisErrorCode.SERVER_EXITED)).isTrue();
                assertThat(e.isRetryable()).isFalse();
              });
    } finally {
      datastore.lifecycle().stop(instance);
      host.writeFile(HostDirectory.CONFIG, "redis.conf", good);
    }
  }

  private void assertNoPasswordLeaked() throws IOException, InterruptedException {
    fixture.assertNoSecretLeaked();
  }

  private StatefulRedisConnection<String, String> connect(String user, Secret password) {
    return RedisTckEnvironment.connect(endpoint, user, password);
  }

  private boolean canLogin(String user, Secret password) {
    return new RedisTckEnvironment().canLogin(endpoint, user, password);
  }

  /** {@code AUTH <password>} without a user name: the default user, as with requirepass. */
  private boolean canLoginWithPasswordOnly(Secret password) {
    RedisClient client = RedisTestCommands.client();
    RedisURI uri =
        RedisURI.builder()
            .withHost(endpoint.getHostString())
            .withPort(endpoint.getPort())
            .withPassword(password.reveal())
            .withTimeout(Duration.ofSeconds(10))
            .build();
    try (StatefulRedisConnection<String, String> connection =
        RedisTckEnvironment.withHandshakeRetry(() -> client.connect(uri))) {
      return "PONG".equals(connection.sync().ping());
    } catch (RuntimeException e) {
      if (RedisTckEnvironment.refused(e)) {
        return false;
      }
      throw e;
    }
  }

  /** NOPERM from the ACL, or DEBUG/MODULE refused by configuration before the ACL is asked. */
  private static void assertRefused(RedisCommands<String, String> commands, List<String> command) {
    assertThat(RedisTestCommands.error(commands, command))
        .as(command.toString())
        .matches("(?s)NOPERM .*|ERR (DEBUG|MODULE) command not allowed.*");
  }

  private static Secret secret(String who) {
    return EngineFlowFixture.hostileSecret(who, "-'\"$; x");
  }
}
