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
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import dev.steward.toolkit.engine.PreparedMarker;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RedisBackupSupport} on real hosts: the documented tool keys, and {@code restored} adopting
 * an RDB written by another instance's {@code SAVE}, with the AOF on (the RDB must become the AOF's
 * base, or Redis would start empty) and off.
 */
class RedisBackupSupportTest {
  @TempDir Path temporaryDirectory;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final Secret adminPassword = Secret.of("adm-" + UUID.randomUUID());
  private Platform platform;
  private Datastore withAof;
  private Datastore withoutAof;

  @BeforeEach
  void start() throws Exception {
    Files.setPosixFilePermissions(temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    platform = LocalPlatformFactory.inDirectory(temporaryDirectory, "127.102");
    withAof = new RedisDatastoreFactory().create(() -> new PluginConfig("redis", Map.of()));
    withoutAof =
        new RedisDatastoreFactory()
            .create(() -> new PluginConfig("redis", Map.of("appendonly", "false", "save", "none")));
  }

  @AfterEach
  void stop() {
    for (String id : platform.hostIds()) {
      platform.destroy(id);
    }
    platform.close();
    withAof.close();
    withoutAof.close();
  }

  @Test
  void toolsNameTheDocumentedKeys() {
    InstanceContext instance = instance(withAof, "rbs-t-" + suffix);
    BackupSupport support = withAof.backups().orElseThrow();
    assertThat(support.strategies(instance.version()))
        .containsExactly("redis-rdb", "volume-snapshot");
    ToolEnvironment tools = support.tools(instance);
    assertThat(tools.properties())
        .containsEntry("address", instance.host().address().getHostAddress())
        .containsEntry("port", "6379")
        .containsEntry("user", "steward_admin")
        .containsEntry("data-dir", instance.host().directory(HostDirectory.DATA).toString())
        .containsEntry("rdb-file", "dump.rdb")
        .containsEntry("service-user", instance.host().serviceUser());
    assertThat(tools.secret("password")).isEqualTo(adminPassword);
  }

  @Test
  void restoredMakesTheRdbLoadWithAndWithoutTheAof() throws IOException {
    InstanceContext source = instance(withoutAof, "rbs-s-" + suffix);
    withoutAof.lifecycle().prepare(source);
    withoutAof.lifecycle().start(source);
    try (StatefulRedisConnection<String, String> connection = connect(source)) {
      connection.sync().set("restored", "yes");
      connection.sync().save();
    }
    withoutAof.lifecycle().stop(source);
    Path rdb = source.host().directory(HostDirectory.DATA).resolve("dump.rdb");

    for (Datastore datastore : new Datastore[] {withAof, withoutAof}) {
      String id = (datastore == withAof ? "rbs-a-" : "rbs-r-") + suffix;
      InstanceContext target = instance(datastore, id);
      BackupSupport support = datastore.backups().orElseThrow();
      assertThatThrownBy(() -> support.restored(target))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(RedisErrorCode.RESTORED_DATA_MISSING)).isTrue());
      assertThat(PreparedMarker.isPrepared(target.host())).isFalse();
      Path data = target.host().directory(HostDirectory.DATA);
      // Written by the platform, as a restore does: the target's own user cannot read the source.
      target.host().writeFile(HostDirectory.DATA, "dump.rdb", Files.readAllBytes(rdb));

      support.restored(target);
      support.restored(target);

      assertThat(PreparedMarker.isPrepared(target.host())).isTrue();
      if (datastore == withAof) {
        assertThat(data.resolve("dump.rdb")).doesNotExist();
        assertThat(data.resolve("appendonlydir/appendonly.aof.1.base.rdb")).exists();
        assertThat(
                target.host().readFile(HostDirectory.DATA, "appendonlydir/appendonly.aof.manifest"))
            .hasValueSatisfying(manifest ->
                assertThat(new String(manifest, StandardCharsets.UTF_8))
                    .isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\n"));
      } else {
        assertThat(data.resolve("dump.rdb")).exists();
      }
      assertThat(target.host().readFile(HostDirectory.CONFIG, "redis.conf"))
          .hasValueSatisfying(conf ->
              assertThat(new String(conf, StandardCharsets.UTF_8))
                  .contains("bind \"" + target.host().address().getHostAddress() + "\""));
      datastore.lifecycle().start(target);
      try (StatefulRedisConnection<String, String> connection = connect(target)) {
        assertThat(connection.sync().get("restored")).as(id).isEqualTo("yes");
      }
      datastore.lifecycle().stop(target);
    }
  }

  private StatefulRedisConnection<String, String> connect(InstanceContext instance) {
    return RedisTestCommands.client()
        .connect(
            RedisURI.builder()
                .withHost(instance.host().address().getHostAddress())
                .withPort(RedisDatastore.PORT)
                .withAuthentication(Names.ADMIN_USER, adminPassword.reveal())
                .build());
  }

  private InstanceContext instance(Datastore datastore, String id) {
    Resources resources = new Resources(256, 1, 1);
    Host host = platform.provision(new HostRequest(id, "redis", resources));
    return new InstanceContext(id, datastore.versions().getFirst(), resources, host, adminPassword);
  }
}
