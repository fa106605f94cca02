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
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.Datastore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Databases of a tenant's instance (Trove's {@code instances/{id}/databases}). */
@Singleton
public final class DatabaseService {
  private final Mutations mutations;
  private final RequestValidator validator;
  private final InstanceContexts contexts;
  private final Plugins plugins;

  @Inject
  public DatabaseService(
      Mutations mutations, RequestValidator validator, InstanceContexts contexts, Plugins plugins) {
    this.mutations = requireNonNull(mutations, "mutations is null");
    this.validator = requireNonNull(validator, "validator is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
  }

  public Operation create(String tenantId, String instanceId, List<DatabaseSpec> databases) {
    if (databases.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "No databases given");
    }
    Instance instance = mutations.running(tenantId, instanceId);
    Datastore datastore = mutations.require(instance, Capability.DATABASES);
    List<String> existing = names(admin(datastore).list(contexts.context(instanceId)));
    validator.validateDatabases(
        datastore,
        plugins.version(datastore, Optional.of(instance.datastoreVersion())),
        databases,
        existing);
    return mutations.administer(
        tenantId,
        instanceId,
        AdminPlans.CREATE_DATABASES,
        new Payloads.Databases(databases.stream().map(Payloads.Database::of).toList()));
  }

  public List<DatabaseInfo> list(String tenantId, String instanceId) {
    Datastore datastore = mutations.running(tenantId, instanceId, Capability.DATABASES);
    return admin(datastore).list(contexts.context(instanceId));
  }

  public Operation delete(String tenantId, String instanceId, String name) {
    Datastore datastore = mutations.running(tenantId, instanceId, Capability.DATABASES);
    admin(datastore).validate(DatabaseSpec.named(name));
    if (!names(admin(datastore).list(contexts.context(instanceId))).contains(name)) {
      throw notFound(name);
    }
    return mutations.administer(
        tenantId, instanceId, AdminPlans.DELETE_DATABASE, new Payloads.Name(name));
  }

  static StewardException notFound(String database) {
    return new StewardException(
        StandardErrorCode.NOT_FOUND, "Database " + database + " could not be found");
  }

  private static DatabaseAdmin admin(Datastore datastore) {
    return datastore.databases().orElseThrow();
  }

  private static List<String> names(List<DatabaseInfo> databases) {
    return databases.stream().map(DatabaseInfo::name).toList();
  }
}
