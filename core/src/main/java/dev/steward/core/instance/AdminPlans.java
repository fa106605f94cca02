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
import dev.steward.spi.Secret;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.function.BiConsumer;

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
            c ->
                databases(
                    c.instanceId(),
                    (admin, instance) ->
                        c.payload(Payloads.Databases.class)
                            .databases()
                            .forEach(database -> admin.create(instance, database.spec())))),
        plan(
            DELETE_DATABASE,
            "delete-database",
            c ->
                databases(
                    c.instanceId(),
                    (admin, instance) ->
                        admin.delete(instance, c.payload(Payloads.Name.class).name()))),
        plan(
            CREATE_USERS,
            "create-users",
            c ->
                users(
                    c.instanceId(),
                    (admin, instance) ->
                        c.payload(Payloads.Users.class)
                            .users()
                            .forEach(user -> admin.create(instance, user.spec())))),
        plan(
            DELETE_USER,
            "delete-user",
            c ->
                users(
                    c.instanceId(),
                    (admin, instance) ->
                        admin.delete(instance, c.payload(Payloads.Access.class).ref()))),
        plan(
            CHANGE_PASSWORDS,
            "change-passwords",
            c ->
                users(
                    c.instanceId(),
                    (admin, instance) ->
                        c.payload(Payloads.Users.class)
                            .users()
                            .forEach(user ->
                                admin.changePassword(
                                    instance, user.ref(), Secret.of(user.password()))))),
        plan(
            GRANT,
            "grant-access",
            c ->
                users(
                    c.instanceId(),
                    (admin, instance) -> {
                      Payloads.Access access = c.payload(Payloads.Access.class);
                      admin.grant(instance, access.ref(), access.databases());
                    })),
        plan(
            REVOKE,
            "revoke-access",
            c ->
                users(
                    c.instanceId(),
                    (admin, instance) -> {
                      Payloads.Access access = c.payload(Payloads.Access.class);
                      access
                          .databases()
                          .forEach(database -> admin.revoke(instance, access.ref(), database));
                    })),
        plan(
            ENABLE_ROOT,
            "enable-root",
            c ->
                root(
                    c.instanceId(),
                    (admin, instance) ->
                        admin.enable(
                            instance, Secret.of(c.payload(Payloads.Root.class).password())))),
        plan(
            DISABLE_ROOT,
            "disable-root",
            c -> root(c.instanceId(), (admin, instance) -> admin.disable(instance))));
  }

  private void databases(String instanceId, BiConsumer<DatabaseAdmin, InstanceContext> action) {
    InstanceContext instance = contexts.context(instanceId);
    action.accept(
        contexts.datastore(contexts.instance(instanceId)).databases().orElseThrow(), instance);
  }

  private void users(String instanceId, BiConsumer<UserAdmin, InstanceContext> action) {
    InstanceContext instance = contexts.context(instanceId);
    action.accept(
        contexts.datastore(contexts.instance(instanceId)).users().orElseThrow(), instance);
  }

  private void root(String instanceId, BiConsumer<RootAdmin, InstanceContext> action) {
    InstanceContext instance = contexts.context(instanceId);
    action.accept(contexts.datastore(contexts.instance(instanceId)).root().orElseThrow(), instance);
  }

  private static OperationPlan plan(String type, String stepName, StepAction action) {
    return OperationPlan.builder(type).step(stepName, action).build();
  }
}
