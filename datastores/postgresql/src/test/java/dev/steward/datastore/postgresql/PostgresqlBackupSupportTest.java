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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import dev.steward.toolkit.engine.PreparedMarker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PostgresqlBackupSupport} on real hosts: the documented tool keys, and {@code restored}
 * adopting a cluster copied from another instance the way a physical restore leaves it (the
 * source's configuration, a stale {@code postmaster.pid}, files owned by root).
 */
class PostgresqlBackupSupportTest {
  @TempDir Path temporaryDirectory;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final Secret adminPassword = Secret.of("adm-" + UUID.randomUUID());
  private Platform platform;
  private Datastore datastore;

  @BeforeEach
  void start() throws Exception {
    Files.setPosixFilePermissions(temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    platform = LocalPlatformFactory.inDirectory(temporaryDirectory, "127.100");
    PluginConfig config = new PluginConfig("postgresql", Map.of("initdb-sync", "false"));
    datastore = new PostgresqlDatastoreFactory().create(() -> config);
  }

  @AfterEach
  void stop() {
    for (String id : platform.hostIds()) {
      platform.destroy(id);
    }
    platform.close();
    datastore.close();
  }

  @Test
  void toolsNameTheDocumentedKeys() {
    InstanceContext instance = instance("pgs-src-" + suffix);
    BackupSupport support = datastore.backups().orElseThrow();
    assertThat(support.strategies(instance.version()))
        .containsExactly("pg_basebackup", "pg_dump", "volume-snapshot");
    ToolEnvironment tools = support.tools(instance);
    Host host = instance.host();
    assertThat(tools.properties())
        .containsEntry("bin-dir", "/usr/lib/postgresql/" + instance.version().name() + "/bin")
        .containsEntry("socket-dir", host.directory(HostDirectory.RUN).toString())
        .containsEntry("port", "5432")
        .containsEntry("address", host.address().getHostAddress())
        .containsEntry("user", "postgres")
        .containsEntry("data-dir", host.directory(HostDirectory.DATA).resolve("pgdata").toString())
        .containsEntry("service-user", host.serviceUser());
    assertThat(tools.secret("password")).isEqualTo(adminPassword);
  }

  @Test
  void restoredAdoptsACopiedClusterAsThisInstance() throws Exception {
    InstanceContext source = instance("pgs-src-" + suffix);
    datastore.lifecycle().prepare(source);
    InstanceContext target = instance("pgs-dst-" + suffix);
    BackupSupport support = datastore.backups().orElseThrow();
    assertThatThrownBy(() -> support.restored(target))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(PostgresqlErrorCode.DATA_DIRECTORY_INVALID)).isTrue());

    Path from = source.host().directory(HostDirectory.DATA).resolve("pgdata");
    Path to = target.host().directory(HostDirectory.DATA).resolve("pgdata");
    // As root without preserving owners or modes, as a careless restore would.
    target.host().run(Command.of("cp", "-r", from.toString(), to.toString())).requireSuccess();
    target
        .host()
        .writeFile(
            HostDirectory.DATA, "pgdata/postmaster.pid", "4242\n".getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));

    support.restored(target);
    support.restored(target);

    assertThat(PreparedMarker.isPrepared(target.host())).isTrue();
    assertThat(to.resolve("postmaster.pid")).doesNotExist();
    assertThat(Files.getPosixFilePermissions(to))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> files = Files.walk(to)) {
      assertThat(files.map(file -> owner(file)).distinct())
          .containsExactly(target.host().serviceUser());
    }
    String conf = Files.readString(to.resolve("postgresql.conf"));
    assertThat(conf.lines().filter(line -> line.strip().equals(ServerConfiguration.INCLUDE_LINE)))
        .hasSize(1);
    assertThat(Files.readString(to.resolve("steward.conf")))
        .contains("listen_addresses = '" + target.host().address().getHostAddress() + "'")
        .contains(target.host().directory(HostDirectory.RUN).toString())
        .doesNotContain(source.host().directory(HostDirectory.RUN).toString());

    datastore.lifecycle().start(target);
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    properties.setProperty("password", adminPassword.reveal());
    try (Connection connection =
            DriverManager.getConnection(
                EngineConnections.url(target.host(), "postgres"), properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW listen_addresses")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo(target.host().address().getHostAddress());
    }
    datastore.lifecycle().stop(target);
  }

  private InstanceContext instance(String id) {
    Resources resources = new Resources(256, 1, 1);
    Host host =
        platform
            .find(id)
            .orElseGet(() -> platform.provision(new HostRequest(id, "postgresql", resources)));
    return new InstanceContext(id, datastore.versions().getFirst(), resources, host, adminPassword);
  }

  private static String owner(Path file) {
    try {
      return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
