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
package dev.steward.core.instance;

import static java.util.Objects.requireNonNull;

import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupPipeline;
import dev.steward.core.backup.BackupState;
import dev.steward.core.backup.BackupStore;
import dev.steward.core.config.StewardConfig;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.quota.QuotaService;
import dev.steward.core.quota.Usage;
import dev.steward.core.secret.Passwords;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Flavor;
import dev.steward.spi.platform.Resources;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Instances of a tenant: create, show, list, delete, restart. */
@Singleton
public final class InstanceService {
  private static final int MAX_NAME_LENGTH = 255;
  private static final int MAX_PAGE = 1000;

  private final StewardConfig config;
  private final Store store;
  private final InstanceStore instances;
  private final OperationEngine engine;
  private final Plugins plugins;
  private final Mutations mutations;
  private final RequestValidator validator;
  private final SecretBox secrets;
  private final Passwords passwords;
  private final Clock clock;
  private final Provider<WarmPool> pool;
  private final BackupStore backups;
  private final BackupPipeline pipeline;
  private final QuotaService quotas;

  @Inject
  public InstanceService(
      StewardConfig config,
      Store store,
      InstanceStore instances,
      OperationEngine engine,
      Plugins plugins,
      Mutations mutations,
      RequestValidator validator,
      SecretBox secrets,
      Passwords passwords,
      Clock clock,
      Provider<WarmPool> pool,
      BackupStore backups,
      BackupPipeline pipeline,
      QuotaService quotas) {
    this.backups = requireNonNull(backups, "backups is null");
    this.pipeline = requireNonNull(pipeline, "pipeline is null");
    this.config = requireNonNull(config, "config is null");
    this.store = requireNonNull(store, "store is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.mutations = requireNonNull(mutations, "mutations is null");
    this.validator = requireNonNull(validator, "validator is null");
    this.secrets = requireNonNull(secrets, "secrets is null");
    this.passwords = requireNonNull(passwords, "passwords is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.pool = requireNonNull(pool, "pool is null");
    this.quotas = requireNonNull(quotas, "quotas is null");
  }

  /**
   * Validates the request completely, then records the instance (BUILDING) and its create operation
   * in one transaction, together with the tenant's quota admission (QUOTA_EXCEEDED). Returns the
   * instance; its {@code activeOperation} is the create operation's id. Nothing is recorded when
   * validation fails.
   */
  public Instance create(CreateInstanceRequest request) {
    String name = request.name().strip();
    if (name.isEmpty()
        || name.length() > MAX_NAME_LENGTH
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Instance name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
    }
    Optional<Backup> restore =
        request
            .restorePoint()
            .map(id ->
                backups
                    .find(id)
                    .filter(backup -> backup.tenantId().equals(request.tenantId()))
                    .filter(backup -> backup.state() != BackupState.DELETED)
                    .orElseThrow(() ->
                        new StewardException(
                            StandardErrorCode.NOT_FOUND, "Backup " + id + " could not be found")));
    Datastore datastore =
        plugins.datastore(
            restore.isPresent() && request.datastore().isEmpty()
                ? restore.get().datastore()
                : datastoreName(request.datastore()));
    DatastoreVersion version =
        plugins.version(
            datastore,
            restore.isPresent() && request.version().isEmpty()
                ? Optional.of(restore.get().datastoreVersion())
                : request.version());
    Set<String> restoreSkips = Set.of();
    if (restore.isPresent()) {
      restoreSkips = restoreSkips(restore.get(), datastore, version);
    }
    String flavorId = request.flavorId().orElse(config.defaultFlavor());
    Flavor flavor =
        plugins.platform().flavors().stream()
            .filter(candidate -> candidate.id().equals(flavorId))
            .findFirst()
            .orElseThrow(() ->
                new StewardException(
                    StandardErrorCode.NOT_FOUND, "Flavor " + flavorId + " could not be found"));
    int volumeGb = request.volumeGb().orElse(config.defaultVolumeGb());
    if (volumeGb < 1 || volumeGb > 65536) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT, "Volume size must be between 1 and 65536 GB");
    }
    validator.validateDatabases(datastore, version, request.databases(), List.of());
    validator.validateUsers(datastore, version, request.users(), request.databases(), List.of());
    WarmPool.requireTenant(request.tenantId());
    Payloads.Create payload =
        new Payloads.Create(
            request.databases().stream().map(Payloads.Database::of).toList(),
            request.users().stream().map(Payloads.User::of).toList());
    if (restore.isPresent()) {
      return record(
          request.tenantId(),
          name,
          datastore,
          version,
          flavor,
          volumeGb,
          InstancePlans.RESTORE,
          new Payloads.Create(payload.databases(), payload.users(), restore.get().id()),
          restoreSkips,
          Optional.of(backups.sealedAdminSecret(restore.get().id())));
    }
    if (config.warmPool().getOrDefault(datastore.name(), 0) > 0) {
      Optional<Instance> claimed =
          claim(request.tenantId(), name, datastore, version, flavor, volumeGb, payload);
      if (claimed.isPresent()) {
        pool.get().nudge();
        return claimed.get();
      }
    }
    return record(
        request.tenantId(),
        name,
        datastore,
        version,
        flavor,
        volumeGb,
        InstancePlans.CREATE,
        payload,
        Set.of(),
        Optional.empty());
  }

  /**
   * Checks that the backup can seed this datastore version (same datastore and version, the whole
   * chain COMPLETED, its strategy enabled) and returns the steps its restore mode skips.
   */
  private Set<String> restoreSkips(Backup backup, Datastore datastore, DatastoreVersion version) {
    if (!backup.datastore().equals(datastore.name())
        || !backup.datastoreVersion().equals(version.name())) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          "Backup "
              + backup.id()
              + " holds "
              + backup.datastore()
              + " "
              + backup.datastoreVersion()
              + "; it cannot seed "
              + datastore.name()
              + " "
              + version.name());
    }
    pipeline.chain(backup.id());
    return plugins.strategy(backup.strategy()).restoreMode() == RestoreMode.PHYSICAL
        ? InstancePlans.LOGICAL_ONLY
        : InstancePlans.PHYSICAL_ONLY;
  }

  /**
   * Records a new instance (BUILDING) and its operation of {@code planType} in one transaction,
   * skipping the database and user steps when there are none.
   */
  Instance record(
      String tenantId,
      String name,
      Datastore datastore,
      DatastoreVersion version,
      Flavor flavor,
      int volumeGb,
      String planType,
      Payloads.Create payload,
      Set<String> skipped,
      Optional<String> sealedAdminSecret) {
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    Set<String> nothingToDo = new java.util.HashSet<>(nothingToDo(payload));
    nothingToDo.addAll(skipped);
    Operation operation = engine.newOperation(id, planType, nothingToDo);
    Instance instance =
        new Instance(
            id,
            tenantId,
            name,
            datastore.name(),
            version.name(),
            flavor.id(),
            new Resources(flavor.ramMb(), flavor.vcpus(), volumeGb),
            InstanceState.BUILDING,
            Optional.empty(),
            Optional.empty(),
            Optional.of(operation.id()),
            now,
            now);
    String sealedAdmin = sealedAdminSecret.orElseGet(() -> secrets.encrypt(passwords.generate()));
    boolean counted = !WarmPool.TENANT.equals(tenantId);
    if (counted) {
      quotas.prepare(tenantId);
    }
    store.inTransaction(handle -> {
      if (counted) {
        quotas.admit(handle, tenantId, Usage.ofInstance(flavor.ramMb(), volumeGb));
      }
      instances.insert(handle, instance, sealedAdmin);
      engine.insert(handle, operation, payload);
      return null;
    });
    engine.wake();
    return instance;
  }

  /**
   * Claims a warm-pool instance of exactly this shape for the tenant, in one transaction: it
   * becomes ACTIVE at once, or BUILDING with a claim operation when databases or users are to be
   * created.
   */
  private Optional<Instance> claim(
      String tenantId,
      String name,
      Datastore datastore,
      DatastoreVersion version,
      Flavor flavor,
      int volumeGb,
      Payloads.Create payload) {
    Instant now = clock.instant();
    boolean work = !payload.databases().isEmpty() || !payload.users().isEmpty();
    Instance wanted =
        new Instance(
            "",
            tenantId,
            name,
            datastore.name(),
            version.name(),
            flavor.id(),
            new Resources(flavor.ramMb(), flavor.vcpus(), volumeGb),
            work ? InstanceState.BUILDING : InstanceState.ACTIVE,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    quotas.prepare(tenantId);
    Optional<String> claimed =
        store.inTransaction(handle -> {
          // Counted like a create: the claimed instance becomes the tenant's in this transaction.
          quotas.admit(handle, tenantId, Usage.ofInstance(flavor.ramMb(), volumeGb));
          String operationId = UUID.randomUUID().toString();
          Optional<String> id =
              instances.claimPooled(
                  handle,
                  WarmPool.TENANT,
                  wanted,
                  wanted.state(),
                  work ? Optional.of(operationId) : Optional.empty());
          if (id.isPresent() && work) {
            engine.insert(
                handle,
                engine.newOperation(
                    id.get(), operationId, InstancePlans.CLAIM, nothingToDo(payload)),
                payload);
          }
          return id;
        });
    if (work && claimed.isPresent()) {
      engine.wake();
    }
    return claimed.flatMap(instances::find);
  }

  private static Set<String> nothingToDo(Payloads.Create payload) {
    Set<String> nothingToDo = new java.util.HashSet<>();
    if (payload.databases().isEmpty()) {
      nothingToDo.add(InstancePlans.CREATE_DATABASES_STEP);
    }
    if (payload.users().isEmpty()) {
      nothingToDo.add(InstancePlans.CREATE_USERS_STEP);
    }
    return nothingToDo;
  }

  private String datastoreName(Optional<String> requested) {
    if (requested.isPresent()) {
      return requested.get();
    }
    Set<String> enabled = plugins.datastores().keySet();
    if (enabled.size() == 1) {
      return enabled.iterator().next();
    }
    throw new StewardException(
        StandardErrorCode.INVALID_ARGUMENT,
        "Please specify a datastore type; enabled datastores are " + enabled);
  }

  public Instance get(String tenantId, String instanceId) {
    return mutations.visible(tenantId, instanceId);
  }

  /** A page of the tenant's instances, oldest first, after {@code marker}. */
  public List<Instance> list(String tenantId, int limit, Optional<String> marker) {
    if (WarmPool.TENANT.equals(tenantId)) {
      return List.of();
    }
    if (limit < 1) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "limit must be positive");
    }
    return instances.list(tenantId, Math.min(limit, MAX_PAGE), marker);
  }

  /** Records the delete operation (instance goes to DELETING). Allowed in ACTIVE and ERROR. */
  public Operation delete(String tenantId, String instanceId) {
    return mutations.submit(
        tenantId,
        instanceId,
        EnumSet.of(InstanceState.ACTIVE, InstanceState.ERROR),
        Optional.of(InstanceState.DELETING),
        InstancePlans.DELETE,
        new Payloads.None());
  }

  /** Records a restart (stop, start). Allowed in ACTIVE and ERROR. */
  public Operation restart(String tenantId, String instanceId) {
    return mutations.submit(
        tenantId,
        instanceId,
        EnumSet.of(InstanceState.ACTIVE, InstanceState.ERROR),
        Optional.of(InstanceState.RESTARTING),
        InstancePlans.RESTART,
        new Payloads.None());
  }

  /** Polls until the instance reaches one of {@code states}; TIMEOUT otherwise. */
  public Instance await(
      String tenantId, String instanceId, Set<InstanceState> states, Duration timeout) {
    WarmPool.requireTenant(tenantId);
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Instance instance =
          instances
              .find(instanceId)
              .filter(found -> found.tenantId().equals(tenantId))
              .orElseThrow(() -> InstanceStore.notFound(instanceId));
      if (instance.activeOperation().isEmpty()) {
        if (states.contains(instance.state())) {
          return instance;
        }
        if (instance.state() == InstanceState.ERROR || instance.state() == InstanceState.DELETED) {
          throw new StewardException(
              StandardErrorCode.INVALID_STATE,
              "Instance "
                  + instanceId
                  + " ended "
                  + instance.state()
                  + instance.fault().map(fault -> ": " + fault.message()).orElse(""));
        }
      }
      if (clock.instant().isAfter(deadline)) {
        throw new StewardException(
            StandardErrorCode.TIMEOUT,
            "Instance " + instanceId + " is " + instance.state() + " after " + timeout);
      }
      engine.awaitChange(Duration.ofMillis(100));
      if (Thread.currentThread().isInterrupted()) {
        throw new StewardException(StandardErrorCode.TIMEOUT, "Interrupted while waiting");
      }
    }
  }
}
