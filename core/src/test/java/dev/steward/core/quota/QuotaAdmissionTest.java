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

import static dev.steward.core.fakes.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.backup.BackupState;
import dev.steward.core.fakes.FakeSteward;
import dev.steward.core.fakes.FakeStewardTest;
import dev.steward.core.model.Instance;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quota admission through the real instance and backup services: N parallel creates against a limit
 * of K admit exactly K, every other one is refused with QUOTA_EXCEEDED and records nothing; a
 * deleted instance gives its share back; another tenant has its own quota.
 */
class QuotaAdmissionTest extends FakeStewardTest {
  private static final String TENANT = "tenant-q";
  private static final int LIMIT = 3;

  @BeforeEach
  void setUp() {
    startFakes(
        Map.of(
            "quota.instances", Integer.toString(LIMIT), "quota.ram", "-1", "quota.backups", "2"));
  }

  @Test
  void parallelCreatesAdmitExactlyTheLimit() throws Exception {
    int parallel = 12;
    List<Outcome> outcomes = createInParallel(TENANT, parallel);
    assertThat(outcomes.stream().filter(Outcome::admitted)).hasSize(LIMIT);
    assertThat(outcomes.stream().filter(outcome -> !outcome.admitted()))
        .hasSize(parallel - LIMIT)
        .allMatch(outcome -> outcome.refusal().equals(StandardErrorCode.QUOTA_EXCEEDED.name()));
    assertThat(fakes.steward().instances().list(TENANT, 100, Optional.empty())).hasSize(LIMIT);
    assertThat(fakes.steward().quotas().show(TENANT))
        .filteredOn(usage -> usage.resource() == QuotaResource.INSTANCES)
        .singleElement()
        .satisfies(usage -> {
          assertThat(usage.inUse()).isEqualTo(LIMIT);
          assertThat(usage.limit()).isEqualTo(LIMIT);
        });
    for (Outcome outcome : outcomes) {
      if (outcome.admitted()) {
        fakes.awaitActive(TENANT, outcome.instanceId());
      }
    }
  }

  @Test
  void aDeletedInstanceGivesItsShareBackAndTenantsAreApart() throws Exception {
    List<Instance> mine = new ArrayList<>();
    for (int i = 0; i < LIMIT; i++) {
      mine.add(fakes.createActive(TENANT, "i" + i));
    }
    assertRefused(StandardErrorCode.QUOTA_EXCEEDED, () -> fakes.create(TENANT, "over"));
    assertThat(createInParallel("tenant-other", 2)).allMatch(Outcome::admitted);
    fakes.awaitSuccess(fakes.steward().instances().delete(TENANT, mine.getFirst().id()));
    assertThat(fakes.createActive(TENANT, "again").name()).isEqualTo("again");
  }

  @Test
  void updatedLimitsApplyToTheNextCreate() {
    fakes.steward().quotas().update(TENANT, Map.of("instances", 1));
    fakes.createActive(TENANT, "only");
    assertRefused(StandardErrorCode.QUOTA_EXCEEDED, () -> fakes.create(TENANT, "second"));
    fakes.steward().quotas().update(TENANT, Map.of("instances", -1));
    fakes.createActive(TENANT, "unlimited");
  }

  @Test
  void backupsCountAgainstTheirOwnQuota() {
    Instance source = fakes.createActive(TENANT, "source");
    for (int i = 0; i < 2; i++) {
      String backupId =
          fakes
              .steward()
              .backups()
              .create(TENANT, source.id(), "b" + i, Optional.empty(), Optional.empty())
              .id();
      fakes
          .steward()
          .backups()
          .await(TENANT, backupId, Set.of(BackupState.COMPLETED), FakeSteward.WAIT);
      fakes.awaitActive(TENANT, source.id());
    }
    assertRefused(
        StandardErrorCode.QUOTA_EXCEEDED,
        () ->
            fakes
                .steward()
                .backups()
                .create(TENANT, source.id(), "third", Optional.empty(), Optional.empty()));
  }

  private record Outcome(boolean admitted, String instanceId, String refusal) {}

  private List<Outcome> createInParallel(String tenantId, int parallel) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Outcome>> futures = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(parallel)) {
      for (int i = 0; i < parallel; i++) {
        String name = "p" + i;
        futures.add(
            threads.submit(() -> {
              go.await();
              try {
                Instance created = fakes.create(tenantId, name);
                return new Outcome(true, created.id(), "");
              } catch (StewardException e) {
                return new Outcome(false, "", e.errorCode().name());
              }
            }));
      }
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get());
      }
      return outcomes;
    }
  }
}
