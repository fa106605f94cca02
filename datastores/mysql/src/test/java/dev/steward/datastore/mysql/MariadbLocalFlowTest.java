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
package dev.steward.datastore.mysql;

import static dev.steward.tck.EngineFlowFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.Resources;
import dev.steward.tck.EngineFlowFixture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MariaDB datastore on the real local platform, beyond the TCK: idempotent prepare, grants that
 * name exactly one database although {@code _} is a wildcard, host-qualified users, sessions ended
 * by a revoke, the command-line client through a deleted option file, and no password in any file
 * of the instance or in any process's arguments.
 */
class MariadbLocalFlowTest {
  @TempDir Path temporaryDirectory;

  private final String instanceId = EngineFlowFixture.instanceId("my-flow");
  private final Secret adminPassword =
      Secret.of("Adm1n" + UUID.randomUUID().toString().replace("-", ""));
  private final Secret userPassword = Secret.of("us'er\\\"-" + UUID.randomUUID());

  private EngineFlowFixture fixture;
  private Datastore datastore;
  private Host host;
  private InstanceContext instance;

  @BeforeEach
  void provision() throws Exception {
    Files.setPosixFilePermissions(temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    fixture =
        EngineFlowFixture.open(
            LocalPlatformFactory.inDirectory(temporaryDirectory, "127.86.200"),
            new MysqlFamilyDatastoreFactory(new MariadbDistribution()),
            new PluginConfig("mariadb", Map.of("buffer-pool-percent", "5")),
            instanceId,
            new Resources(1024, 1, 1),
            adminPassword,
            List.of(adminPassword, userPassword));
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
  void flowWithoutLeakingPasswords() throws Exception {
    EngineLifecycle lifecycle = datastore.lifecycle();
    assertCode(() -> lifecycle.start(instance), StandardErrorCode.INVALID_STATE);
    // An interrupted initialisation left junk: prepare starts over.
    host.writeFile(HostDirectory.DATA, "db/ibdata1", "junk".getBytes(StandardCharsets.UTF_8));
    lifecycle.prepare(instance);
    assertThat(host.readFile(HostDirectory.CONFIG, MysqlFamilyLifecycle.BOOTSTRAP_FILE)).isEmpty();
    host.writeFile(HostDirectory.DATA, "sentinel", new byte[] {1});
    lifecycle.prepare(instance);
    assertThat(host.readFile(HostDirectory.DATA, "sentinel")).as("second prepare").isPresent();
    lifecycle.start(instance);
    long pid = host.serverState().pid().orElseThrow();
    lifecycle.start(instance);
    assertThat(host.serverState().pid()).hasValue(pid);
    assertThat(lifecycle.health(instance).status()).isEqualTo(Health.Status.HEALTHY);

    DatabaseAdmin databases = datastore.databases().orElseThrow();
    UserAdmin users = datastore.users().orElseThrow();
    databases.create(instance, DatabaseSpec.named("my_db"));
    databases.create(instance, DatabaseSpec.named("myXdb"));
    databases.create(instance, DatabaseSpec.named("my_db"));
    // Hostile names on the lax paths are quoted, never executed.
    databases.delete(instance, "x`; DROP DATABASE `my_db`; --");
    assertThat(databases.list(instance))
        .extracting(info -> info.name())
        .containsExactly("myXdb", "my_db");

    UserRef app = UserRef.of("app");
    UserRef office = new UserRef("app", "10.0.0.%");
    users.create(instance, new UserSpec(app, userPassword, List.of("my_db")));
    users.create(instance, new UserSpec(app, userPassword, List.of("my_db")));
    users.create(instance, new UserSpec(office, userPassword, List.of()));
    assertThat(users.list(instance))
        .containsExactly(new UserInfo(app, List.of("my_db")), new UserInfo(office, List.of()));
    assertThat(users.find(instance, new UserRef("app", "192.168.0.1"))).isEmpty();

    try (Connection connection = connect("app", userPassword, "my_db");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (v INT)");
      statement.execute("INSERT INTO t VALUES (1)");
    }
    assertThat(refused("app", userPassword, "myXdb")).as("_ is no wildcard in grants").isTrue();

    try (Connection held = connect("app", userPassword, "my_db")) {
      users.revoke(instance, app, "my_db");
      users.revoke(instance, app, "my_db");
      assertThatThrownBy(() -> held.createStatement().executeQuery("SELECT v FROM t"))
          .as("a session opened before the revoke is ended")
          .isInstanceOf(SQLException.class);
    }
    assertThat(refused("app", userPassword, "my_db")).isTrue();
    assertThat(users.access(instance, app)).isEmpty();

    CommandResult result =
        AdminClient.run(
            instance,
            Command.of("mariadb", "--batch", "--skip-column-names")
                .withStdin("SELECT CURRENT_USER();".getBytes(StandardCharsets.UTF_8)));
    assertThat(result.requireSuccess().stdout().strip()).isEqualTo("os_admin@localhost");
    try (Stream<Path> files = Files.list(host.directory(HostDirectory.CONFIG))) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("my.cnf", "prepared");
    }

    databases.delete(instance, "my_db");
    databases.create(instance, DatabaseSpec.named("my_db"));
    users.grant(instance, office, List.of("my_db"));
    databases.delete(instance, "my_db");
    assertThat(users.find(instance, office).orElseThrow().databases())
        .as("dropping a database drops its grants")
        .isEmpty();
    users.delete(instance, app);
    users.delete(instance, app);
    assertCode(
        () -> users.changePassword(instance, app, userPassword), StandardErrorCode.NOT_FOUND);
    assertCode(
        () -> users.delete(instance, UserRef.of("os_admin")), StandardErrorCode.INVALID_NAME);

    lifecycle.stop(instance);
    assertThat(lifecycle.health(instance).status()).isEqualTo(Health.Status.SHUTDOWN);
    lifecycle.stop(instance);
    fixture.assertNoSecretLeaked();
  }

  private Connection connect(String user, Secret password, String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password.reveal());
    InetSocketAddress endpoint = new InetSocketAddress(host.address(), datastore.port());
    return new org.mariadb.jdbc.Driver()
        .connect("jdbc:mariadb://" + endpoint.getHostString() + ":3306/" + database, properties);
  }

  private boolean refused(String user, Secret password, String database) {
    try (Connection connection = connect(user, password, database);
        ResultSet rows = connection.createStatement().executeQuery("SELECT 1 FROM t")) {
      return !rows.next();
    } catch (SQLException e) {
      return e.getErrorCode() == 1044 || e.getErrorCode() == 1142;
    }
  }
}
