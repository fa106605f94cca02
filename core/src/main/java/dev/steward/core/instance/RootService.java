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

import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.operation.OperationState;
import dev.steward.core.secret.Passwords;
import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/** The root account of a tenant's instance (Trove's {@code instances/{id}/root}). */
@Singleton
public final class RootService {
  private static final Duration WAIT = Duration.ofMinutes(2);

  private final Mutations mutations;
  private final InstanceContexts contexts;
  private final OperationEngine engine;
  private final Passwords passwords;

  @Inject
  public RootService(
      Mutations mutations, InstanceContexts contexts, OperationEngine engine, Passwords passwords) {
    this.mutations = requireNonNull(mutations, "mutations is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.passwords = requireNonNull(passwords, "passwords is null");
  }

  /** The credentials of an enabled root account. */
  public record RootCredentials(String userName, Secret password) {}

  /**
   * Enables root with the given or a generated password and waits for it (Trove answers this
   * request synchronously with the password).
   */
  public RootCredentials enable(String tenantId, String instanceId, Optional<Secret> password) {
    Datastore datastore = mutations.running(tenantId, instanceId, Capability.ROOT);
    Secret secret = password.orElseGet(passwords::generate);
    if (secret.reveal().isEmpty() || secret.reveal().length() > 128) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT, "Root password must be 1 to 128 characters");
    }
    Operation operation =
        mutations.administer(
            tenantId, instanceId, AdminPlans.ENABLE_ROOT, new Payloads.Root(secret.reveal()));
    requireSucceeded(engine.await(operation.id(), WAIT));
    return new RootCredentials(datastore.root().orElseThrow().userName(), secret);
  }

  public Operation disable(String tenantId, String instanceId) {
    mutations.running(tenantId, instanceId, Capability.ROOT);
    return mutations.administer(tenantId, instanceId, AdminPlans.DISABLE_ROOT, new Payloads.None());
  }

  public boolean isEnabled(String tenantId, String instanceId) {
    Datastore datastore = mutations.running(tenantId, instanceId, Capability.ROOT);
    return datastore.root().orElseThrow().isEnabled(contexts.context(instanceId));
  }

  static void requireSucceeded(Operation operation) {
    if (operation.state() != OperationState.SUCCEEDED) {
      throw new StewardException(
          StandardErrorCode.ENGINE_ERROR,
          "Operation "
              + operation.type()
              + " failed: "
              + operation.errorMessage().orElse("unknown error"));
    }
  }
}
