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
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Flavor;
import dev.steward.spi.platform.Resources;
import jakarta.inject.Inject;
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
      QuotaService quotas) {
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
    Datastore datastore = plugins.datastore(datastoreName(request.datastore()));
    DatastoreVersion version = plugins.version(datastore, request.version());
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

    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    Set<String> nothingToDo = new java.util.HashSet<>();
    if (request.databases().isEmpty()) {
      nothingToDo.add(InstancePlans.CREATE_DATABASES_STEP);
    }
    if (request.users().isEmpty()) {
      nothingToDo.add(InstancePlans.CREATE_USERS_STEP);
    }
    Operation operation = engine.newOperation(id, InstancePlans.CREATE, nothingToDo);
    Instance instance =
        new Instance(
            id,
            request.tenantId(),
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
    Payloads.Create payload =
        new Payloads.Create(
            request.databases().stream().map(Payloads.Database::of).toList(),
            request.users().stream().map(Payloads.User::of).toList());
    String sealedAdmin = secrets.encrypt(passwords.generate());
    quotas.prepare(request.tenantId());
    store.inTransaction(handle -> {
      quotas.admit(handle, request.tenantId(), Usage.ofInstance(flavor.ramMb(), volumeGb));
      instances.insert(handle, instance, sealedAdmin);
      engine.insert(handle, operation, payload);
      return null;
    });
    engine.wake();
    return instance;
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
