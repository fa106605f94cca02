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
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures that go away by themselves must be retryable, so that the operation engine backs off
 * instead of compensating (tearing down a freshly built instance) or failing an admin request.
 */
class TransientFailuresTest {
  private static final int MAX_CONNECTIONS = 5;

  @TempDir Path temporaryDirectory;

  private final String instanceId = "pg-transient-" + UUID.randomUUID().toString().substring(0, 8);
  private Platform platform;
  private Datastore datastore;
  private InstanceContext instance;

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
                "127.92",
                "stop-servers-on-close",
                "true"));
    platform = LocalPlatformFactory.standalone(platformConfig, temporaryDirectory);
    PluginConfig datastoreConfig =
        new PluginConfig(
            "postgresql",
            Map.of("initdb-sync", "false", "max-connections", Integer.toString(MAX_CONNECTIONS)));
    datastore = new PostgresqlDatastoreFactory().create(() -> datastoreConfig);
    Resources resources = new Resources(256, 1, 1);
    Host host = platform.provision(new HostRequest(instanceId, "postgresql", resources));
    instance =
        new InstanceContext(
            instanceId,
            datastore.versions().getFirst(),
            resources,
            host,
            Secret.of("admin-" + UUID.randomUUID()));
  }

  @AfterEach
  void destroy() {
    if (platform != null) {
      platform.destroy(instanceId);
      platform.close();
    }
  }

  @Test
  void aServerWithEveryConnectionSlotTakenIsUnavailableNotBroken() throws SQLException {
    datastore.lifecycle().prepare(instance);
    datastore.lifecycle().start(instance);
    EngineConnections connections =
        new EngineConnections(PostgresqlConfig.DEFAULT_STATEMENT_TIMEOUT);
    List<Connection> held = new ArrayList<>();
    try {
      for (int slot = 0; slot < MAX_CONNECTIONS; slot++) {
        held.add(
            connections.openAdmin(
                instance,
                EngineConnections.MAINTENANCE_DATABASE,
                EngineConnections.CONNECT_TIMEOUT,
                true));
      }
      assertThatThrownBy(() -> datastore.databases().orElseThrow().list(instance))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> {
                assertThat(e.getMessage()).contains("53300");
                assertThat(e.errorCode())
                    .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE.toErrorCode());
                assertThat(e.isRetryable()).isTrue();
              });
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
    assertThat(datastore.databases().orElseThrow().list(instance)).isEmpty();
  }

  @Test
  void transientSqlStatesAreRetryable() {
    for (String state : List.of("53300", "40001", "40P01", "55P03")) {
      assertThat(
              EngineConnections.translate(new SQLException("transient", state), "Testing")
                  .isRetryable())
          .as("SQLState %s", state)
          .isTrue();
    }
    for (String state : List.of("42601", "42501", "23505")) {
      assertThat(
              EngineConnections.translate(new SQLException("permanent", state), "Testing")
                  .isRetryable())
          .as("SQLState %s", state)
          .isFalse();
    }
  }
}
