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
package dev.steward.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.config.StewardConfig;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Resources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quota admission on the H2 store: atomic with the recorded create, limits and validation. */
class QuotaServiceTest {
  @TempDir Path directory;
  private Store store;
  private InstanceStore instances;
  private QuotaService quotas;
  private final String tenant = "tenant-" + UUID.randomUUID();

  @BeforeEach
  void open() {
    String url = "jdbc:h2:file:" + directory.resolve("store") + ";MODE=PostgreSQL;WRITE_DELAY=0";
    store =
        new Store(
            StewardConfig.from(
                new PluginConfig("steward", Map.of("datastores", "test", "store.url", url))));
    instances = new InstanceStore(store);
    quotas =
        new QuotaService(
            store,
            new QuotaStore(store),
            QuotaConfig.from(new PluginConfig("quota", Map.of("instances", "3", "ram", "-1"))));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void parallelCreatesAtQuotaMinusOneAdmitExactlyOne() throws Exception {
    create(tenant, 512, 1);
    create(tenant, 512, 1);
    int parallel = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
      for (int i = 0; i < parallel; i++) {
        results.add(
            pool.submit(() -> {
              start.await();
              try {
                create(tenant, 512, 1);
                return true;
              } catch (StewardException e) {
                assertThat(e.is(StandardErrorCode.QUOTA_EXCEEDED)).as(e.toString()).isTrue();
                return false;
              }
            }));
      }
      start.countDown();
      int admitted = 0;
      for (Future<Boolean> result : results) {
        admitted += result.get() ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(1);
    }
    assertThat(instances.list(tenant, 100, Optional.empty())).hasSize(3);
    assertThat(quotas.show(tenant))
        .filteredOn(line -> line.resource() == QuotaResource.INSTANCES)
        .singleElement()
        .satisfies(line -> {
          assertThat(line.inUse()).isEqualTo(3);
          assertThat(line.limit()).isEqualTo(3);
        });
  }

  @Test
  void overridesApplyPerTenantAndCountRamAndVolume() {
    quotas.update(tenant, Map.of("volumes", 3, "ram", 1024));
    create(tenant, 512, 2);
    assertThatThrownBy(() -> create(tenant, 512, 2))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.QUOTA_EXCEEDED)).isTrue())
        .hasMessageContaining("volumes");
    assertThatThrownBy(() -> create(tenant, 1024, 1)).hasMessageContaining("ram");
    create(tenant, 512, 1);
    String other = "other-" + UUID.randomUUID();
    create(other, 4096, 50);
    assertThat(quotas.show(other))
        .filteredOn(line -> line.resource() == QuotaResource.RAM)
        .singleElement()
        .satisfies(line -> assertThat(line.limit()).isEqualTo(-1));
  }

  @Test
  void badUpdatesChangeNothing() {
    assertThatThrownBy(() -> quotas.update(tenant, Map.of("instances", 1, "cpus", 3)))
        .hasMessageContaining("Unknown quota resource cpus");
    assertThatThrownBy(() -> quotas.update(tenant, Map.of("instances", -2)))
        .hasMessageContaining("-1 (unlimited)");
    assertThatThrownBy(() -> quotas.update(tenant, Map.of())).isInstanceOf(StewardException.class);
    assertThat(quotas.show(tenant))
        .filteredOn(line -> line.resource() == QuotaResource.INSTANCES)
        .singleElement()
        .satisfies(line -> assertThat(line.limit()).isEqualTo(3));
  }

  /** What InstanceService.create does: admission and the insert in one transaction. */
  private void create(String tenantId, int ramMb, int volumeGb) {
    Instant now = Instant.now();
    Instance instance =
        new Instance(
            UUID.randomUUID().toString(),
            tenantId,
            "db",
            "test",
            "1",
            "1",
            new Resources(ramMb, 1, volumeGb),
            InstanceState.BUILDING,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    quotas.prepare(tenantId);
    store.inTransaction(handle -> {
      quotas.admit(handle, tenantId, Usage.ofInstance(ramMb, volumeGb));
      instances.insert(handle, instance, "sealed");
      return null;
    });
  }
}
