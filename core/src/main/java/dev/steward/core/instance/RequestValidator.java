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

import dev.steward.core.plugin.Plugins;
import dev.steward.spi.Capability;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks database and user requests before anything is recorded: capability declared, names valid
 * for the engine, no duplicates, and access only to databases that exist (or are created by the
 * same request).
 */
@Singleton
public final class RequestValidator {
  static final int MAX_ITEMS = 100;

  private final Plugins plugins;

  @Inject
  public RequestValidator(Plugins plugins) {
    this.plugins = requireNonNull(plugins, "plugins is null");
  }

  public void validateDatabases(
      Datastore datastore,
      DatastoreVersion version,
      List<DatabaseSpec> databases,
      Collection<String> existing) {
    if (databases.isEmpty()) {
      return;
    }
    plugins.requireCapability(datastore, version, Capability.DATABASES);
    requireAtMost(databases.size(), "databases");
    Set<String> seen = new HashSet<>();
    for (DatabaseSpec spec : databases) {
      datastore.databases().orElseThrow().validate(spec);
      if (!seen.add(spec.name())) {
        throw invalid("Database " + spec.name() + " is listed twice");
      }
      if (existing.contains(spec.name())) {
        throw new StewardException(
            StandardErrorCode.ALREADY_EXISTS,
            "A database with the name " + spec.name() + " already exists");
      }
    }
  }

  public void validateUsers(
      Datastore datastore,
      DatastoreVersion version,
      List<UserSpec> users,
      List<DatabaseSpec> requestedDatabases,
      Collection<String> existingDatabases) {
    if (users.isEmpty()) {
      return;
    }
    plugins.requireCapability(datastore, version, Capability.USERS);
    requireAtMost(users.size(), "users");
    Set<UserRef> seen = new HashSet<>();
    Set<String> available = new HashSet<>(existingDatabases);
    requestedDatabases.forEach(database -> available.add(database.name()));
    for (UserSpec spec : users) {
      datastore.users().orElseThrow().validate(spec);
      if (!seen.add(spec.user())) {
        throw invalid("User " + spec.user().name() + " is listed twice");
      }
      if (!spec.databases().isEmpty()) {
        plugins.requireCapability(datastore, version, Capability.USER_ACCESS);
      }
      for (String database : spec.databases()) {
        if (!available.contains(database)) {
          throw new StewardException(
              StandardErrorCode.NOT_FOUND,
              "Database " + database + " for user " + spec.user().name() + " does not exist");
        }
      }
    }
  }

  private static void requireAtMost(int count, String what) {
    if (count > MAX_ITEMS) {
      throw invalid("At most " + MAX_ITEMS + " " + what + " per request");
    }
  }

  private static StewardException invalid(String message) {
    return new StewardException(StandardErrorCode.INVALID_ARGUMENT, message);
  }
}
