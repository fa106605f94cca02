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
package dev.steward.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.core.config.StewardConfig;
import dev.steward.core.instance.InstanceContexts;
import dev.steward.core.instance.Mutations;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.operation.OperationResource;
import dev.steward.core.operation.OperationService;
import dev.steward.core.operation.OperationState;
import dev.steward.core.operation.OperationStore;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.quota.QuotaConfig;
import dev.steward.core.quota.QuotaService;
import dev.steward.core.quota.QuotaStore;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.platform.Flavor;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.ObjectStore;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup's delete is an operation on the backup: it is recorded and listed as the backup's, never
 * under an instance whose id would be the backup's, and it deletes the chain's objects and rows.
 * (It used to be recorded with the backup's id as its instance id.)
 */
class BackupDeleteTest {
  private static final String TENANT = "tenant";
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path directory;

  private Store store;
  private BackupStore backups;
  private InstanceStore instances;
  private OperationStore operations;
  private OperationEngine engine;
  private BackupService service;
  private DirectoryObjectStore objects;

  /** A platform with an object store only: a backup's delete needs nothing else. */
  private final class ObjectStorePlatform implements Platform {
    @Override
    public List<Flavor> flavors() {
      return List.of();
    }

    @Override
    public Host provision(HostRequest request) {
      throw new UnsupportedOperationException("no hosts in this test");
    }

    @Override
    public Optional<Host> find(String instanceId) {
      return Optional.empty();
    }

    @Override
    public void destroy(String instanceId) {}

    @Override
    public Set<String> hostIds() {
      return Set.of();
    }

    @Override
    public ObjectStore objectStore() {
      return objects;
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void setUp() {
    StewardConfig config =
        StewardConfig.from(
            new PluginConfig(
                StewardConfig.PREFIX,
                Map.of(
                    "datastores",
                    "test",
                    "data-dir",
                    directory.toString(),
                    "store.url",
                    "jdbc:h2:mem:backups-" + UUID.randomUUID() + ";MODE=PostgreSQL",
                    "poll-interval",
                    "10ms")));
    objects = new DirectoryObjectStore(directory.resolve("objects"));
    Clock clock = Clock.systemUTC();
    ObjectMapper mapper = new ObjectMapper();
    store = new Store(config);
    backups = new BackupStore(store);
    instances = new InstanceStore(store);
    operations = new OperationStore(store);
    SecretBox secrets = SecretBox.fromKeyFile(directory.resolve("secret.key"));
    Plugins plugins = new Plugins(new ObjectStorePlatform(), Map.of(), Map.of(), Map.of());
    BackupPipeline pipeline = new BackupPipeline(config, plugins, backups, mapper, clock);
    BackupPlans plans =
        new BackupPlans(
            backups, pipeline, instances, new InstanceContexts(plugins, instances, secrets), clock);
    engine =
        new OperationEngine(
            config, store, operations, instances, secrets, mapper, clock, plans.plans(), List.of());
    engine.start();
    QuotaService quotas =
        new QuotaService(
            store,
            new QuotaStore(store),
            QuotaConfig.from(new PluginConfig(QuotaConfig.PREFIX, Map.of())));
    service =
        new BackupService(
            config,
            store,
            backups,
            instances,
            new Mutations(store, instances, engine, plugins, clock),
            engine,
            plugins,
            clock,
            quotas);
  }

  @AfterEach
  void tearDown() {
    engine.close(Duration.ofSeconds(5));
    store.close();
  }

  @Test
  void aBackupsDeleteIsTheBackupsOperation() {
    String instanceId = instance();
    String backupId = completedBackup(instanceId, Optional.empty());

    Operation delete = service.delete(TENANT, backupId);

    assertThat(delete.resource()).isEqualTo(OperationResource.backup(backupId));
    OperationService reads = new OperationService(engine, operations);
    assertThat(reads.awaitSuccess(delete.id(), PATIENCE).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(reads.forResource(OperationResource.backup(backupId)))
        .extracting(Operation::id)
        .containsExactly(delete.id());
    // Neither an instance of the backup's id nor the backup's instance lists it.
    assertThat(reads.forInstance(backupId)).isEmpty();
    assertThat(reads.forInstance(instanceId)).isEmpty();
    assertThat(backups.find(backupId).orElseThrow().state()).isEqualTo(BackupState.DELETED);
    assertThat(backups.find(backupId).orElseThrow().activeOperation()).isEmpty();
    assertThat(objects.list(Backups.prefix(backupId))).isEmpty();
    Instance instance = instances.find(instanceId).orElseThrow();
    assertThat(instance.state()).isEqualTo(InstanceState.ACTIVE);
    assertThat(instance.activeOperation()).isEmpty();
  }

  @Test
  void aChainsDeleteIsTheRootsOperationAndDeletesEveryBackupOfIt() {
    String instanceId = instance();
    String full = completedBackup(instanceId, Optional.empty());
    String incremental = completedBackup(instanceId, Optional.of(full));

    Operation delete = service.delete(TENANT, full);

    assertThat(delete.resource()).isEqualTo(OperationResource.backup(full));
    assertThat(engine.await(delete.id(), PATIENCE).state()).isEqualTo(OperationState.SUCCEEDED);
    for (String backupId : List.of(full, incremental)) {
      assertThat(backups.find(backupId).orElseThrow().state()).isEqualTo(BackupState.DELETED);
      assertThat(objects.list(Backups.prefix(backupId))).isEmpty();
    }
    assertThat(operations.forResource(OperationResource.backup(incremental))).isEmpty();
  }

  private String instance() {
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Instance instance =
        new Instance(
            id,
            TENANT,
            "name",
            "test",
            "1",
            "1",
            new Resources(512, 1, 1),
            InstanceState.ACTIVE,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    store.inTransaction(handle -> {
      instances.insert(handle, instance, "sealed");
      return null;
    });
    return id;
  }

  /** A COMPLETED backup row with two stored objects. */
  private String completedBackup(String instanceId, Optional<String> parentId) {
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Backup backup =
        new Backup(
            id,
            TENANT,
            instanceId,
            "backup",
            Optional.empty(),
            "test",
            "1",
            "test-strategy",
            parentId,
            BackupState.COMPLETED,
            3,
            Optional.of(3L),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    store.inTransaction(handle -> {
      backups.insert(handle, backup, "sealed");
      return null;
    });
    for (String key : List.of(Backups.manifestKey(id), Backups.prefix(id) + "chunk-0")) {
      objects.put(key, new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)));
    }
    return id;
  }
}
