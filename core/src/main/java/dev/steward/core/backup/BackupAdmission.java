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

import static java.util.Objects.requireNonNull;

import dev.steward.core.instance.Mutations;
import dev.steward.core.instance.WarmPool;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.quota.QuotaService;
import dev.steward.core.quota.Usage;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Admits backup creates. Every refusal happens before anything is recorded; creation records the
 * backup (NEW, holding its operation) and its operation, takes the instance (ACTIVE → BACKUP) and
 * counts the tenant's backup quota, in one transaction.
 */
@Singleton
public final class BackupAdmission {
  private static final int MAX_NAME_LENGTH = 255;
  private static final int MAX_DESCRIPTION_LENGTH = 1024;

  private final Mutations mutations;
  private final Plugins plugins;
  private final BackupStore backups;
  private final BackupStateMachine states;
  private final OperationEngine engine;
  private final QuotaService quotas;
  private final Clock clock;

  @Inject
  public BackupAdmission(
      Mutations mutations,
      Plugins plugins,
      BackupStore backups,
      BackupStateMachine states,
      OperationEngine engine,
      QuotaService quotas,
      Clock clock) {
    this.mutations = requireNonNull(mutations, "mutations is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.backups = requireNonNull(backups, "backups is null");
    this.states = requireNonNull(states, "states is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.quotas = requireNonNull(quotas, "quotas is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** See {@link BackupService#create}. */
  public Backup create(
      String tenantId,
      String instanceId,
      String name,
      Optional<String> description,
      Optional<String> parentId) {
    WarmPool.requireTenant(tenantId);
    String trimmed = name.strip();
    if (trimmed.isEmpty()
        || trimmed.length() > MAX_NAME_LENGTH
        || trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Backup name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
    }
    if (description.isPresent() && description.get().length() > MAX_DESCRIPTION_LENGTH) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Backup description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
    }
    Instance instance = mutations.visible(tenantId, instanceId);
    Datastore datastore = plugins.datastore(instance.datastore());
    DatastoreVersion version = plugins.version(datastore, Optional.of(instance.datastoreVersion()));
    BackupStrategy strategy = plugins.strategyFor(datastore, version);
    if (parentId.isPresent()) {
      Backup parent = backups.visible(tenantId, parentId.get());
      if (parent.state() != BackupState.COMPLETED
          || !parent.instanceId().equals(instanceId)
          || !parent.strategy().equals(strategy.name())
          || !strategy.incremental()) {
        throw new StewardException(
            StandardErrorCode.BACKUP_INCOMPATIBLE,
            "An incremental backup needs a COMPLETED parent of the same instance taken with an"
                + " incremental strategy; "
                + parent.id()
                + " is "
                + parent.state()
                + " of instance "
                + parent.instanceId()
                + " by "
                + parent.strategy());
      }
    }
    Instant now = clock.instant();
    String backupId = UUID.randomUUID().toString();
    Operation operation = engine.newOperation(instanceId, BackupPlans.CREATE, Set.of());
    Backup backup =
        new Backup(
            backupId,
            tenantId,
            instanceId,
            trimmed,
            description,
            datastore.name(),
            version.name(),
            strategy.name(),
            parentId,
            BackupState.NEW,
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(operation.id()),
            now,
            now);
    quotas.prepare(tenantId);
    mutations.submit(
        tenantId,
        instanceId,
        EnumSet.of(InstanceState.ACTIVE),
        Optional.of(InstanceState.BACKUP),
        operation,
        new BackupPlans.Create(backupId),
        handle -> {
          if (parentId.isPresent()) {
            // Re-checked under the parent's row lock: a concurrent delete of the parent either
            // committed first (refused here) or waits and then sees this child in its chain.
            Backup parent =
                backups
                    .findForUpdate(handle, parentId.get())
                    .orElseThrow(() -> Backups.notFound(parentId.get()));
            if (parent.state() != BackupState.COMPLETED || parent.activeOperation().isPresent()) {
              throw new StewardException(
                  StandardErrorCode.CONFLICT,
                  "Backup " + parent.id() + " is " + parent.state() + " or busy; try again");
            }
          }
          quotas.admit(handle, tenantId, Usage.ofBackup());
          states.created(handle, backup);
        });
    return backup;
  }
}
