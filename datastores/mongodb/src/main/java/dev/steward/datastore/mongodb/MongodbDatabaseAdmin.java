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
package dev.steward.datastore.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.toolkit.datastore.TemplateDatabaseAdmin;
import dev.steward.toolkit.validation.Printable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * Databases of a MongoDB instance, administered as {@code steward_admin}.
 *
 * <p>MongoDB creates a database lazily, with its first collection, and forgets it with its last.
 * Creating a database therefore creates the empty marker collection {@value
 * Commands#MARKER_COLLECTION} in it, which keeps it listed until it is deleted. Listing runs {@code
 * listDatabases} and leaves out {@code admin}, {@code local} and {@code config}; it never looks at
 * collections, so the marker is invisible there (tenants see it in their own collection lists).
 * Deleting revokes every user's roles on the database first (MongoDB keeps them otherwise, and a
 * new database of the same name would inherit them), then drops it.
 *
 * <p>MongoDB has no character set or collation per database: strings are UTF-8 and collations are
 * set per collection or index. A spec may therefore ask only for {@code UTF-8} and the {@code
 * simple} (binary) collation, which is what the listing reports.
 */
final class MongodbDatabaseAdmin extends TemplateDatabaseAdmin {
  static final String CHARACTER_SET = "UTF-8";
  static final String COLLATION = "simple";
  private static final Set<String> CHARACTER_SET_SPELLINGS = Set.of("utf-8", "utf8");

  private final EngineClients clients;

  MongodbDatabaseAdmin(EngineClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  @Override
  public void validate(DatabaseSpec spec) {
    Names.DATABASE.validate(spec.name());
    spec.characterSet().ifPresent(MongodbDatabaseAdmin::validateCharacterSet);
    spec.collation().ifPresent(MongodbDatabaseAdmin::validateCollation);
  }

  @Override
  protected void createDatabase(InstanceContext instance, DatabaseSpec spec) {
    String name = spec.name();
    clients.withAdmin(
        instance,
        "Creating database " + Printable.of(name),
        client -> {
          for (String existing : names(client)) {
            if (!existing.equals(name) && existing.equalsIgnoreCase(name)) {
              throw new StewardException(
                  StandardErrorCode.ALREADY_EXISTS,
                  "Database "
                      + Printable.of(existing)
                      + " exists; MongoDB refuses names that differ only in case");
            }
          }
          try {
            EngineClients.run(client, name, Commands.createMarker());
          } catch (MongoException e) {
            // NamespaceExists: a repeated step, or a database that had the marker already.
            if (!EngineClients.hasCode(e, 48)) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public List<DatabaseInfo> list(InstanceContext instance) {
    return clients.withAdmin(
        instance,
        "Listing databases",
        client ->
            names(client).stream()
                .map(name -> new DatabaseInfo(name, CHARACTER_SET, COLLATION))
                .toList());
  }

  @Override
  public void delete(InstanceContext instance, String name) {
    Names.EXISTING_DATABASE.validate(name);
    clients.withAdmin(
        instance,
        "Dropping database " + Printable.of(name),
        client -> {
          BsonDocument users = EngineClients.runOnAdmin(client, Commands.allUsersInfo());
          for (BsonDocument user : Commands.users(users)) {
            List<BsonDocument> roles = Commands.rolesOn(user, name);
            if (!roles.isEmpty()) {
              EngineClients.runOnAdmin(
                  client, Commands.revokeRoles(Commands.userName(user), roles));
            }
          }
          EngineClients.run(client, name, Commands.dropDatabase());
          return null;
        });
  }

  /** The user databases, sorted. */
  static List<String> names(MongoClient client) {
    return Commands.userDatabases(EngineClients.runOnAdmin(client, Commands.listDatabases()));
  }

  /** Whether a database exists (exactly this name). */
  static boolean exists(MongoClient client, String name) {
    return names(client).contains(name);
  }

  private static void validateCharacterSet(String characterSet) {
    if (!CHARACTER_SET_SPELLINGS.contains(characterSet.toLowerCase(Locale.ROOT))) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "MongoDB stores strings as UTF-8 only; character set "
              + Printable.of(characterSet)
              + " is not available");
    }
  }

  private static void validateCollation(String collation) {
    if (!COLLATION.equalsIgnoreCase(collation)) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "MongoDB databases have no collation of their own (collations belong to collections"
              + " and indexes); only 'simple' can be given, not "
              + Printable.of(collation));
    }
  }
}
