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
import dev.steward.core.operation.Operation;
import dev.steward.core.plugin.Plugins;
import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Users of a tenant's instance and their access (Trove's {@code instances/{id}/users}). */
@Singleton
public final class UserService {
  private final Mutations mutations;
  private final RequestValidator validator;
  private final InstanceContexts contexts;
  private final Plugins plugins;

  @Inject
  public UserService(
      Mutations mutations, RequestValidator validator, InstanceContexts contexts, Plugins plugins) {
    this.mutations = requireNonNull(mutations, "mutations is null");
    this.validator = requireNonNull(validator, "validator is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
  }

  public Operation create(String tenantId, String instanceId, List<UserSpec> users) {
    if (users.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "No users given");
    }
    Instance instance = mutations.running(tenantId, instanceId);
    Datastore datastore = mutations.require(instance, Capability.USERS);
    InstanceContext context = contexts.context(instanceId);
    validator.validateUsers(
        datastore,
        plugins.version(datastore, Optional.of(instance.datastoreVersion())),
        users,
        List.of(),
        existingDatabases(datastore, context));
    for (UserSpec user : users) {
      if (admin(datastore).find(context, user.user()).isPresent()) {
        throw new StewardException(
            StandardErrorCode.ALREADY_EXISTS, "User " + user.user().name() + " already exists");
      }
    }
    return mutations.administer(
        tenantId,
        instanceId,
        AdminPlans.CREATE_USERS,
        new Payloads.Users(users.stream().map(Payloads.User::of).toList()));
  }

  public List<UserInfo> list(String tenantId, String instanceId) {
    Datastore datastore = mutations.running(tenantId, instanceId, Capability.USERS);
    return admin(datastore).list(contexts.context(instanceId));
  }

  public UserInfo get(String tenantId, String instanceId, UserRef user) {
    Datastore datastore = mutations.running(tenantId, instanceId, Capability.USERS);
    return existing(datastore, contexts.context(instanceId), user);
  }

  public Operation delete(String tenantId, String instanceId, UserRef user) {
    Datastore datastore = mutations.running(tenantId, instanceId, Capability.USERS);
    existing(datastore, contexts.context(instanceId), user);
    return mutations.administer(
        tenantId,
        instanceId,
        AdminPlans.DELETE_USER,
        new Payloads.Access(user.name(), user.host(), List.of()));
  }

  public Operation changePassword(
      String tenantId, String instanceId, UserRef user, Secret password) {
    Datastore datastore = mutations.running(tenantId, instanceId, Capability.USERS);
    admin(datastore).validate(new UserSpec(user, password, List.of()));
    existing(datastore, contexts.context(instanceId), user);
    return mutations.administer(
        tenantId,
        instanceId,
        AdminPlans.CHANGE_PASSWORDS,
        new Payloads.Users(
            List.of(new Payloads.User(user.name(), user.host(), password.reveal(), List.of()))));
  }

  public Operation grant(String tenantId, String instanceId, UserRef user, List<String> databases) {
    Datastore datastore = accessDatastore(tenantId, instanceId);
    InstanceContext context = contexts.context(instanceId);
    existing(datastore, context, user);
    if (databases.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "No databases given");
    }
    List<String> available = existingDatabases(datastore, context);
    for (String database : databases) {
      if (!available.contains(database)) {
        throw DatabaseService.notFound(database);
      }
    }
    return mutations.administer(
        tenantId,
        instanceId,
        AdminPlans.GRANT,
        new Payloads.Access(user.name(), user.host(), List.copyOf(databases)));
  }

  public Operation revoke(String tenantId, String instanceId, UserRef user, String database) {
    Datastore datastore = accessDatastore(tenantId, instanceId);
    InstanceContext context = contexts.context(instanceId);
    existing(datastore, context, user);
    if (!existingDatabases(datastore, context).contains(database)) {
      throw DatabaseService.notFound(database);
    }
    return mutations.administer(
        tenantId,
        instanceId,
        AdminPlans.REVOKE,
        new Payloads.Access(user.name(), user.host(), List.of(database)));
  }

  public List<String> access(String tenantId, String instanceId, UserRef user) {
    Datastore datastore = accessDatastore(tenantId, instanceId);
    InstanceContext context = contexts.context(instanceId);
    existing(datastore, context, user);
    return admin(datastore).access(context, user);
  }

  private Datastore accessDatastore(String tenantId, String instanceId) {
    Instance instance = mutations.running(tenantId, instanceId);
    mutations.require(instance, Capability.USERS);
    return mutations.require(instance, Capability.USER_ACCESS);
  }

  private static UserInfo existing(Datastore datastore, InstanceContext context, UserRef user) {
    return admin(datastore)
        .find(context, user)
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.NOT_FOUND, "User " + user.name() + " could not be found"));
  }

  private static List<String> existingDatabases(Datastore datastore, InstanceContext context) {
    return datastore
        .databases()
        .map(admin -> admin.list(context).stream().map(DatabaseInfo::name).toList())
        .orElse(List.of());
  }

  private static UserAdmin admin(Datastore datastore) {
    return datastore.users().orElseThrow();
  }
}
