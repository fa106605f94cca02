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
package dev.steward.datastore.postgresql;

import static dev.steward.tck.EngineFlowFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The datastore against a real PostgreSQL server run by the real local platform: lifecycle,
 * databases, users and access, root, and the promise that no password reaches a process's command
 * line, the server log or any file of the instance.
 */
class LocalPlatformFlowTest {
  private static final String DATABASE = "Shop.db-1$";

  @TempDir Path temporaryDirectory;

  private final String instanceId = EngineFlowFixture.instanceId("pg-flow");
  private final Secret adminPassword = secret("admin");
  private final Secret alicePassword = secret("alice");
  private final Secret bobPassword = secret("bob");
  private final Secret carolPassword = secret("carol");
  private final Secret rootPassword = secret("root");
  private final Secret alicePasswordChanged = secret("alice2");

  private EngineFlowFixture fixture;
  private Datastore datastore;
  private Host host;
  private InstanceContext instance;

  @BeforeEach
  void provision() throws IOException {
    Files.setPosixFilePermissions(temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    fixture =
        EngineFlowFixture.open(
            LocalPlatformFactory.inDirectory(temporaryDirectory, "127.79"),
            new PostgresqlDatastoreFactory(),
            new PluginConfig("postgresql", Map.of("initdb-sync", "false")),
            instanceId,
            new Resources(512, 1, 1),
            adminPassword,
            List.of(
                adminPassword,
                alicePassword,
                bobPassword,
                carolPassword,
                rootPassword,
                alicePasswordChanged));
    datastore = fixture.datastore();
    host = fixture.host();
    instance = fixture.instance();
  }

  @AfterEach
  void destroy() throws InterruptedException {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void lifecycleDatabasesUsersAndRootWithoutLeakingPasswords() throws Exception {
    EngineLifecycle lifecycle = datastore.lifecycle();
    assertCode(() -> lifecycle.start(instance), StandardErrorCode.INVALID_STATE);

    // An interrupted initdb left junk behind: prepare starts over.
    host.writeFile(
        HostDirectory.DATA, "pgdata/PG_VERSION", "junk".getBytes(StandardCharsets.UTF_8));
    lifecycle.prepare(instance);
    assertThat(host.readFile(HostDirectory.CONFIG, "initdb-password")).isEmpty();
    host.writeFile(HostDirectory.DATA, "sentinel", new byte[] {1});
    lifecycle.prepare(instance);
    assertThat(host.readFile(HostDirectory.DATA, "sentinel"))
        .as("second prepare is a no-op")
        .isPresent();

    lifecycle.start(instance);
    assertThat(lifecycle.health(instance).status()).isEqualTo(Health.Status.HEALTHY);
    long pid = host.serverState().pid().orElseThrow();
    lifecycle.start(instance);
    assertThat(host.serverState().pid()).hasValue(pid);

    databases();
    users();
    root();
    cleanUp();

    lifecycle.stop(instance);
    assertThat(lifecycle.health(instance).status()).isEqualTo(Health.Status.SHUTDOWN);
    lifecycle.stop(instance);

    startFailsFastWhenTheServerCannotRun();
    assertNoPasswordLeaked();
  }

  private void databases() {
    DatabaseAdmin databases = datastore.databases().orElseThrow();
    databases.create(instance, DatabaseSpec.named(DATABASE));
    databases.create(instance, DatabaseSpec.named(DATABASE));
    assertThat(databases.list(instance))
        .containsExactly(new DatabaseInfo(DATABASE, "UTF8", "C.UTF-8"));
    assertCode(
        () ->
            databases.create(
                instance, new DatabaseSpec("other", Optional.empty(), Optional.of("xx_XX.UTF-8"))),
        StandardErrorCode.INVALID_ARGUMENT);
    // Hostile names never reach the server as SQL: quoted on the lax paths, refused on create.
    databases.delete(instance, "x\"; DROP DATABASE \"" + DATABASE + "\"; --");
    assertCode(
        () -> databases.create(instance, DatabaseSpec.named("x\"; DROP DATABASE postgres; --")),
        StandardErrorCode.INVALID_NAME);
    assertThat(databases.list(instance)).extracting(DatabaseInfo::name).containsExactly(DATABASE);
  }

  private void users() throws SQLException {
    UserAdmin users = datastore.users().orElseThrow();
    UserRef alice = UserRef.of("alice");
    UserRef bob = UserRef.of("Bob.B");
    UserRef carol = UserRef.of("carol");
    users.create(instance, new UserSpec(alice, alicePassword, List.of(DATABASE)));
    users.create(instance, new UserSpec(alice, alicePassword, List.of(DATABASE)));
    users.create(instance, new UserSpec(bob, bobPassword, List.of(DATABASE)));
    users.create(instance, new UserSpec(carol, carolPassword, List.of()));
    assertCode(
        () ->
            users.create(
                instance, new UserSpec(new UserRef("dave", "10.0.0.1"), bobPassword, List.of())),
        StandardErrorCode.INVALID_ARGUMENT);
    assertThat(users.list(instance))
        .containsExactly(
            new UserInfo(bob, List.of(DATABASE)),
            new UserInfo(alice, List.of(DATABASE)),
            new UserInfo(carol, List.of()));
    assertThat(users.find(instance, UserRef.of("x\"; DROP ROLE alice; --"))).isEmpty();
    assertThat(users.find(instance, UserRef.of("postgres"))).isEmpty();

    try (Connection connection = connect(alice, alicePassword, DATABASE);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
      statement.execute("INSERT INTO items VALUES (1, 'first')");
      assertThat(queryString(statement, "SELECT name FROM items WHERE id = 1")).isEqualTo("first");
    }
    try (Connection connection = connect(bob, bobPassword, DATABASE);
        Statement statement = connection.createStatement()) {
      assertThat(queryString(statement, "SELECT name FROM items")).isEqualTo("first");
      statement.execute("CREATE TABLE notes (text text)");
      statement.execute("INSERT INTO notes VALUES ('by bob')");
    }
    assertConnectRefused(carol, carolPassword, DATABASE, "42501");

    try (Connection held = connect(alice, alicePassword, DATABASE)) {
      assertThat(queryString(held.createStatement(), "SELECT text FROM notes")).isEqualTo("by bob");
      users.revoke(instance, alice, DATABASE);
      users.revoke(instance, alice, DATABASE);
      assertThatThrownBy(() -> queryString(held.createStatement(), "SELECT name FROM items"))
          .as("a session opened before the revoke is ended")
          .isInstanceOf(SQLException.class);
    }
    assertConnectRefused(alice, alicePassword, DATABASE, "42501");
    assertThat(users.access(instance, alice)).isEmpty();
    assertThat(users.access(instance, bob)).containsExactly(DATABASE);

    users.changePassword(instance, alice, alicePasswordChanged);
    users.grant(instance, alice, List.of(DATABASE));
    try (Connection connection = connect(alice, alicePasswordChanged, DATABASE)) {
      assertThat(queryString(connection.createStatement(), "SELECT count(*) FROM items"))
          .isEqualTo("1");
    }
    assertConnectRefused(alice, alicePassword, DATABASE, "28P01");
    assertCode(
        () -> users.changePassword(instance, UserRef.of("nobody"), bobPassword),
        StandardErrorCode.NOT_FOUND);
  }

  private void root() throws SQLException {
    RootAdmin root = datastore.root().orElseThrow();
    UserRef rootUser = UserRef.of(root.userName());
    assertThat(root.isEnabled(instance)).isFalse();
    root.enable(instance, rootPassword);
    root.enable(instance, rootPassword);
    assertThat(root.isEnabled(instance)).isTrue();
    try (Connection connection = connect(rootUser, rootPassword, "postgres")) {
      assertThat(
              queryString(
                  connection.createStatement(),
                  "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
          .isEqualTo("t");
    }
    assertThat(datastore.users().orElseThrow().list(instance))
        .extracting(info -> info.user().name())
        .doesNotContain("root", "postgres");
    root.disable(instance);
    root.disable(instance);
    assertThat(root.isEnabled(instance)).isFalse();
    assertConnectRefused(rootUser, rootPassword, "postgres", "28P01");
  }

  private void cleanUp() {
    UserAdmin users = datastore.users().orElseThrow();
    for (String name : List.of("alice", "Bob.B", "carol")) {
      users.delete(instance, UserRef.of(name));
      users.delete(instance, UserRef.of(name));
    }
    assertThat(users.list(instance)).isEmpty();
    assertCode(
        () -> users.delete(instance, UserRef.of("postgres")), StandardErrorCode.INVALID_NAME);
    DatabaseAdmin databases = datastore.databases().orElseThrow();
    databases.delete(instance, DATABASE);
    databases.delete(instance, DATABASE);
    assertThat(databases.list(instance)).isEmpty();
  }

  private void startFailsFastWhenTheServerCannotRun() {
    Optional<byte[]> good = host.readFile(HostDirectory.DATA, "pgdata/steward.conf");
    host.writeFile(
        HostDirectory.DATA,
        "pgdata/steward.conf",
        "shared_buffers = 'plenty'\n".getBytes(StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> datastore.lifecycle().start(instance))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> {
                assertThat(e.is(PostgresqlErrorCode.SERVER_EXITED)).isTrue();
                assertThat(e.isRetryable()).isFalse();
              });
    } finally {
      datastore.lifecycle().stop(instance);
      host.writeFile(HostDirectory.DATA, "pgdata/steward.conf", good.orElseThrow());
    }
  }

  private void assertNoPasswordLeaked() throws IOException, InterruptedException {
    fixture.assertNoSecretLeaked();
  }

  private Connection connect(UserRef user, Secret password, String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user.name());
    properties.setProperty("password", password.reveal());
    properties.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(EngineConnections.url(host, database), properties);
  }

  private void assertConnectRefused(UserRef user, Secret password, String database, String state) {
    assertThatThrownBy(() -> connect(user, password, database).close())
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
  }

  private static String queryString(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  private static Secret secret(String who) {
    return EngineFlowFixture.hostileSecret(who, "-'\"$;");
  }
}
