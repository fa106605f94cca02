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

import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.quota.QuotaService;
import dev.steward.core.quota.Usage;
import dev.steward.core.secret.Passwords;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Records new instances: each with its first operation and the tenant's quota admission in one
 * transaction (QUOTA_EXCEEDED records nothing), or by claiming a warm-pool instance of the same
 * shape. Callers have validated the request completely.
 */
@Singleton
public final class InstanceRecorder {
  /** Writes nothing more. */
  static final AlsoWrite NOTHING = (handle, operation) -> {};

  private final Store store;
  private final InstanceStore instances;
  private final OperationEngine engine;
  private final SecretBox secrets;
  private final Passwords passwords;
  private final QuotaService quotas;
  private final Clock clock;

  @Inject
  public InstanceRecorder(
      Store store,
      InstanceStore instances,
      OperationEngine engine,
      SecretBox secrets,
      Passwords passwords,
      QuotaService quotas,
      Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.secrets = requireNonNull(secrets, "secrets is null");
    this.passwords = requireNonNull(passwords, "passwords is null");
    this.quotas = requireNonNull(quotas, "quotas is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** More writes of the recording transaction, after the instance and its operation. */
  @FunctionalInterface
  interface AlsoWrite {
    void write(Handle handle, Operation operation);
  }

  /**
   * Records a new instance (BUILDING) and its operation of {@code planType} in one transaction,
   * skipping the database and user steps when there are none and the steps in {@code skipped}. The
   * admin secret is {@code sealedAdminSecret} (a restore's source's) or a new one. Instances of the
   * warm pool's tenant are not counted against any quota.
   */
  Instance record(
      InstanceShape shape,
      String planType,
      Payloads.Create payload,
      Set<String> skipped,
      Optional<String> sealedAdminSecret,
      AlsoWrite also) {
    String id = UUID.randomUUID().toString();
    Set<String> nothingToDo = nothingToDo(payload);
    nothingToDo.addAll(skipped);
    Operation operation = engine.newOperation(id, planType, nothingToDo);
    Instance instance =
        shape.instance(id, InstanceState.BUILDING, Optional.of(operation.id()), clock.instant());
    String sealedAdmin = sealedAdminSecret.orElseGet(() -> secrets.encrypt(passwords.generate()));
    boolean counted = !WarmPool.TENANT.equals(shape.tenantId());
    if (counted) {
      quotas.prepare(shape.tenantId());
    }
    store.inTransaction(handle -> {
      if (counted) {
        quotas.admit(handle, shape.tenantId(), usage(shape));
      }
      instances.insert(handle, instance, sealedAdmin);
      engine.insert(handle, operation, payload);
      also.write(handle, operation);
      return null;
    });
    engine.wake();
    return instance;
  }

  /**
   * Claims a warm-pool instance of exactly this shape for the tenant, in one transaction: it
   * becomes ACTIVE at once, or BUILDING with a claim operation when databases or users are to be
   * created. Empty when the pool has no idle instance of this shape.
   */
  Optional<Instance> claim(InstanceShape shape, Payloads.Create payload) {
    boolean work = !payload.databases().isEmpty() || !payload.users().isEmpty();
    InstanceState state = work ? InstanceState.BUILDING : InstanceState.ACTIVE;
    Instance wanted = shape.instance("", state, Optional.empty(), clock.instant());
    quotas.prepare(shape.tenantId());
    Optional<String> claimed =
        store.inTransaction(handle -> {
          // Counted like a create: the claimed instance becomes the tenant's in this transaction.
          quotas.admit(handle, shape.tenantId(), usage(shape));
          String operationId = UUID.randomUUID().toString();
          Optional<String> id =
              instances.claimPooled(
                  handle,
                  WarmPool.TENANT,
                  wanted,
                  state,
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

  private static Usage usage(InstanceShape shape) {
    return Usage.ofInstance(shape.flavor().ramMb(), shape.volumeGb());
  }

  private static Set<String> nothingToDo(Payloads.Create payload) {
    Set<String> nothingToDo = new HashSet<>();
    if (payload.databases().isEmpty()) {
      nothingToDo.add(InstancePlans.CREATE_DATABASES_STEP);
    }
    if (payload.users().isEmpty()) {
      nothingToDo.add(InstancePlans.CREATE_USERS_STEP);
    }
    return nothingToDo;
  }
}
