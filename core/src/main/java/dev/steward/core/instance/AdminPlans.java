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

import dev.steward.core.operation.OperationPlan;
import dev.steward.core.operation.Step.StepAction;
import dev.steward.core.operation.StepContext;
import dev.steward.spi.Secret;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans of the administrative mutations of a running instance: databases, users, access, root. Each
 * is one idempotent step; a failure leaves the instance ACTIVE and ends the operation FAILED with
 * the engine's coded error.
 */
@Singleton
public final class AdminPlans {
  public static final String CREATE_DATABASES = "database.create";
  public static final String DELETE_DATABASE = "database.delete";
  public static final String CREATE_USERS = "user.create";
  public static final String DELETE_USER = "user.delete";
  public static final String CHANGE_PASSWORDS = "user.password";
  public static final String GRANT = "user.grant";
  public static final String REVOKE = "user.revoke";
  public static final String ENABLE_ROOT = "root.enable";
  public static final String DISABLE_ROOT = "root.disable";

  private final InstanceContexts contexts;

  @Inject
  public AdminPlans(InstanceContexts contexts) {
    this.contexts = requireNonNull(contexts, "contexts is null");
  }

  public Set<OperationPlan> plans() {
    return Set.of(
        plan(
            CREATE_DATABASES,
            "create-databases",
            Datastore::databases,
            (admin, instance, c) ->
                c.payload(Payloads.Databases.class)
                    .databases()
                    .forEach(database -> admin.create(instance, database.spec()))),
        plan(
            DELETE_DATABASE,
            "delete-database",
            Datastore::databases,
            (admin, instance, c) -> admin.delete(instance, c.payload(Payloads.Name.class).name())),
        plan(
            CREATE_USERS,
            "create-users",
            Datastore::users,
            (admin, instance, c) ->
                c.payload(Payloads.Users.class)
                    .users()
                    .forEach(user -> admin.create(instance, user.spec()))),
        plan(
            DELETE_USER,
            "delete-user",
            Datastore::users,
            (admin, instance, c) -> admin.delete(instance, c.payload(Payloads.Access.class).ref())),
        plan(
            CHANGE_PASSWORDS,
            "change-passwords",
            Datastore::users,
            (admin, instance, c) ->
                c.payload(Payloads.Users.class)
                    .users()
                    .forEach(user ->
                        admin.changePassword(instance, user.ref(), Secret.of(user.password())))),
        plan(
            GRANT,
            "grant-access",
            Datastore::users,
            (admin, instance, c) -> {
              Payloads.Access access = c.payload(Payloads.Access.class);
              admin.grant(instance, access.ref(), access.databases());
            }),
        plan(
            REVOKE,
            "revoke-access",
            Datastore::users,
            (admin, instance, c) -> {
              Payloads.Access access = c.payload(Payloads.Access.class);
              access
                  .databases()
                  .forEach(database -> admin.revoke(instance, access.ref(), database));
            }),
        plan(
            ENABLE_ROOT,
            "enable-root",
            Datastore::root,
            (admin, instance, c) ->
                admin.enable(instance, Secret.of(c.payload(Payloads.Root.class).password()))),
        plan(
            DISABLE_ROOT,
            "disable-root",
            Datastore::root,
            (admin, instance, c) -> admin.disable(instance)));
  }

  /** What one administrative step does with the datastore's admin part {@code A}. */
  @FunctionalInterface
  private interface AdminStep<A> {
    void run(A admin, InstanceContext instance, StepContext context);
  }

  /**
   * A one-step plan that runs {@code action} with the instance's datastore part (databases, users
   * or root) that {@code part} picks.
   */
  private <A> OperationPlan plan(
      String type, String stepName, Function<Datastore, Optional<A>> part, AdminStep<A> action) {
    StepAction step =
        c -> {
          InstanceContext instance = contexts.context(c.instanceId());
          A admin = part.apply(contexts.datastore(contexts.instance(c.instanceId()))).orElseThrow();
          action.run(admin, instance, c);
        };
    return OperationPlan.builder(type).step(stepName, step).build();
  }
}
