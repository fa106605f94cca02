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
package org.example.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.toolkit.datastore.TemplateDatabaseAdmin;
import dev.steward.toolkit.validation.Printable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Databases of an etcd instance, as {@link KeySpace} maps them: a database is a key prefix plus the
 * role that grants it. Administered as {@code steward_admin} over the gateway.
 */
final class EtcdDatabaseAdmin extends TemplateDatabaseAdmin {
  private final Gateway gateway;

  EtcdDatabaseAdmin(Gateway gateway) {
    this.gateway = requireNonNull(gateway, "gateway is null");
  }

  /** Names per {@link Names}; character set and collation, when given, must be {@code binary}. */
  @Override
  public void validate(DatabaseSpec spec) {
    Names.DATABASE.validate(spec.name());
    requireBinary("character set", spec.characterSet());
    requireBinary("collation", spec.collation());
  }

  /** Adds the role and its permission; both steps are no-ops when done already. */
  @Override
  protected void createDatabase(InstanceContext instance, DatabaseSpec spec) {
    String role = KeySpace.role(spec.name());
    String action = "Creating database " + Printable.of(spec.name());
    Session admin = Session.admin(gateway, instance);
    Reply added = admin.call("auth/role/add", Map.of("name", role));
    if (!added.failedWith(Reply.ROLE_ALREADY_EXISTS)) {
      added.require(action);
    }
    // Granting the same permission again leaves one permission (etcd merges equal ranges).
    admin.require(
        "auth/role/grant", Map.of("name", role, "perm", KeySpace.permission(spec.name())), action);
  }

  @Override
  public List<DatabaseInfo> list(InstanceContext instance) {
    return Session.admin(gateway, instance)
        .require("auth/role/list", Map.of(), "Listing databases")
        .strings("roles")
        .stream()
        .map(KeySpace::database)
        .flatMap(Optional::stream)
        .sorted()
        .map(name -> new DatabaseInfo(name, KeySpace.BINARY, KeySpace.BINARY))
        .toList();
  }

  /**
   * Deletes the role first (every user loses access at once; etcd also removes it from each user),
   * then every key under the prefix. Both are no-ops when done already.
   */
  @Override
  public void delete(InstanceContext instance, String name) {
    Names.EXISTING_DATABASE.validate(name);
    String action = "Deleting database " + Printable.of(name);
    Session admin = Session.admin(gateway, instance);
    Reply deleted = admin.call("auth/role/delete", Map.of("role", KeySpace.role(name)));
    if (!deleted.failedWith(Reply.ROLE_NOT_FOUND)) {
      deleted.require(action);
    }
    admin.require("kv/deleterange", KeySpace.range(name), action);
  }

  private static void requireBinary(String what, Optional<String> value) {
    if (value.isPresent() && !value.get().toLowerCase(Locale.ROOT).equals(KeySpace.BINARY)) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "etcd stores keys and values as bytes; the only "
              + what
              + " is binary, not "
              + Printable.of(value.get()));
    }
  }
}
