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

import dev.steward.core.config.StewardConfig;
import dev.steward.core.instance.Mutations;
import dev.steward.core.instance.WarmPool;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.operation.OperationResource;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.quota.QuotaService;
import dev.steward.core.quota.Usage;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Backups of a tenant: create (full or incremental), show, list, delete (with its descendants).
 * Every refusal happens before anything is recorded; creation records the backup (NEW) and its
 * operation, and takes the instance (ACTIVE → BACKUP), in one transaction.
 */
@Singleton
public final class BackupService {
  private static final int MAX_NAME_LENGTH = 255;
  private static final int MAX_DESCRIPTION_LENGTH = 1024;

  private final StewardConfig config;
  private final Store store;
  private final BackupStore backups;
  private final InstanceStore instances;
  private final Mutations mutations;
  private final OperationEngine engine;
  private final Plugins plugins;
  private final Clock clock;
  private final QuotaService quotas;

  @Inject
  public BackupService(
      StewardConfig config,
      Store store,
      BackupStore backups,
      InstanceStore instances,
      Mutations mutations,
      OperationEngine engine,
      Plugins plugins,
      Clock clock,
      QuotaService quotas) {
    this.quotas = requireNonNull(quotas, "quotas is null");
    this.config = requireNonNull(config, "config is null");
    this.store = requireNonNull(store, "store is null");
    this.backups = requireNonNull(backups, "backups is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.mutations = requireNonNull(mutations, "mutations is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Records a backup of the tenant's ACTIVE instance with the strategy configured for its datastore
   * version; with {@code parentId}, an incremental backup on top of that COMPLETED backup of the
   * same instance (the strategy must support increments).
   *
   * @throws StewardException INVALID_ARGUMENT, NOT_FOUND, NOT_SUPPORTED, BACKUP_INCOMPATIBLE,
   *     QUOTA_EXCEEDED, CONFLICT or INVALID_STATE; nothing is recorded then
   */
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
      Backup parent = get(tenantId, parentId.get());
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
    String sealedAdmin = instances.sealedAdminSecret(instanceId);
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
          backups.insert(handle, backup, sealedAdmin);
        });
    return backup;
  }

  /** The tenant's backup, or NOT_FOUND (also another tenant's or a deleted one). */
  public Backup get(String tenantId, String backupId) {
    return backups
        .find(backupId)
        .filter(backup -> backup.tenantId().equals(tenantId))
        .filter(backup -> !WarmPool.TENANT.equals(tenantId))
        .filter(backup -> backup.state() != BackupState.DELETED)
        .orElseThrow(() -> Backups.notFound(backupId));
  }

  /** A page of the tenant's backups, optionally of one instance, oldest first, after a marker. */
  public List<Backup> list(
      String tenantId, Optional<String> instanceId, int limit, Optional<String> marker) {
    if (limit < 1) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "limit must be positive");
    }
    if (WarmPool.TENANT.equals(tenantId)) {
      return List.of();
    }
    return backups.list(tenantId, instanceId, Math.min(limit, 1000), marker);
  }

  /**
   * Records the deletion of a COMPLETED, FAILED or DELETE_FAILED backup together with every backup
   * built on it (Trove deletes the chain). CONFLICT when any of them is busy.
   */
  public Operation delete(String tenantId, String backupId) {
    Backup root = get(tenantId, backupId);
    Operation operation =
        engine.newOperation(OperationResource.backup(root.id()), BackupPlans.DELETE);
    store.inTransaction(handle -> {
      // The root's row lock first: an incremental create on it waits, or is seen by collect.
      backups.findForUpdate(handle, root.id()).orElseThrow(() -> Backups.notFound(root.id()));
      List<String> chain = new ArrayList<>();
      collect(handle, root.id(), chain);
      for (String id : chain) {
        Backup backup = backups.find(handle, id).orElseThrow(() -> Backups.notFound(id));
        if (backup.activeOperation().isPresent()) {
          throw new StewardException(
              StandardErrorCode.CONFLICT,
              "Backup " + id + " is busy with another operation; try again when it is done");
        }
        if (!backup.state().canBecome(BackupState.DELETING)) {
          throw new StewardException(
              StandardErrorCode.INVALID_STATE,
              "Backup " + id + " cannot be deleted while it is " + backup.state());
        }
        backups.lock(handle, id, operation.id(), clock.instant());
        backups.transition(handle, id, BackupState.DELETING, Optional.empty(), clock.instant());
      }
      engine.insert(handle, operation, new BackupPlans.Delete(chain));
      return null;
    });
    engine.wake();
    return operation;
  }

  /** Descendants first (depth first), then the backup itself. */
  private void collect(org.jdbi.v3.core.Handle handle, String backupId, List<String> into) {
    for (Backup child : backups.children(handle, backupId)) {
      collect(handle, child.id(), into);
    }
    into.add(backupId);
  }

  /** Waits until the backup has no operation and is in one of {@code states}; TIMEOUT otherwise. */
  public Backup await(String tenantId, String backupId, Set<BackupState> states, Duration timeout) {
    WarmPool.requireTenant(tenantId);
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Backup backup =
          backups
              .find(backupId)
              .filter(found -> found.tenantId().equals(tenantId))
              .orElseThrow(() -> Backups.notFound(backupId));
      if (backup.activeOperation().isEmpty()) {
        if (states.contains(backup.state())) {
          return backup;
        }
        if (backup.state() == BackupState.FAILED || backup.state() == BackupState.DELETED) {
          throw new StewardException(
              StandardErrorCode.INVALID_STATE,
              "Backup "
                  + backupId
                  + " ended "
                  + backup.state()
                  + backup.fault().map(fault -> ": " + fault.message()).orElse(""));
        }
      }
      if (clock.instant().isAfter(deadline)) {
        throw new StewardException(
            StandardErrorCode.TIMEOUT,
            "Backup " + backupId + " is " + backup.state() + " after " + timeout);
      }
      engine.awaitChange(Duration.ofMillis(100));
      if (Thread.currentThread().isInterrupted()) {
        throw new StewardException(StandardErrorCode.TIMEOUT, "Interrupted while waiting");
      }
    }
  }
}
