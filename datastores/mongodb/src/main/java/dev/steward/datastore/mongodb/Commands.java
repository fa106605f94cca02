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

import dev.steward.spi.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The command documents Steward sends to mongod, built as BSON (names and passwords are BSON string
 * values, never text spliced into a command), and the parsing of the replies it reads. Pure
 * functions: no connection, unit-tested without a server.
 *
 * <p>User commands run on the {@code admin} database, where every user lives. Passwords travel only
 * inside {@code createUser}/{@code updateUser} documents over the driver's connection; the server
 * stores SCRAM-SHA-256 credentials only, and both the server and the driver redact these commands
 * in their logs.
 */
final class Commands {
  /** The role a user gets on each database it has access to (Trove's choice for MongoDB). */
  static final String ACCESS_ROLE = "readWrite";

  /** The role of Steward's administrator and of the root account, on the admin database. */
  static final String SUPERUSER_ROLE = "root";

  /**
   * The collection that makes a database exist: MongoDB creates databases lazily, on their first
   * collection, so "create database" creates this empty collection. Listing databases lists
   * databases (never collections), so the marker never appears there; tenants see it in their own
   * {@code listCollections} and may ignore it. Dropping the database drops it with everything else.
   */
  static final String MARKER_COLLECTION = "_steward";

  static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

  private Commands() {}

  static BsonDocument ping() {
    return new BsonDocument("ping", new BsonInt32(1));
  }

  /** {@code createUser} with SCRAM-SHA-256 credentials only and the given roles. */
  static BsonDocument createUser(String user, Secret password, List<BsonDocument> roles) {
    return new BsonDocument("createUser", new BsonString(user))
        .append("pwd", new BsonString(password.reveal()))
        .append("roles", new BsonArray(List.copyOf(roles)))
        .append("mechanisms", new BsonArray(List.of(new BsonString(SCRAM_SHA_256))));
  }

  /** {@code updateUser} setting a new password (credentials for the user's own mechanisms). */
  static BsonDocument changePassword(String user, Secret password) {
    return new BsonDocument("updateUser", new BsonString(user))
        .append("pwd", new BsonString(password.reveal()));
  }

  /** {@code updateUser} setting a new password and replacing every role. */
  static BsonDocument replaceUser(String user, Secret password, List<BsonDocument> roles) {
    return changePassword(user, password).append("roles", new BsonArray(List.copyOf(roles)));
  }

  static BsonDocument grantRoles(String user, List<BsonDocument> roles) {
    return new BsonDocument("grantRolesToUser", new BsonString(user))
        .append("roles", new BsonArray(List.copyOf(roles)));
  }

  static BsonDocument revokeRoles(String user, List<BsonDocument> roles) {
    return new BsonDocument("revokeRolesFromUser", new BsonString(user))
        .append("roles", new BsonArray(List.copyOf(roles)));
  }

  static BsonDocument dropUser(String user) {
    return new BsonDocument("dropUser", new BsonString(user));
  }

  /** {@code usersInfo} for one user of the admin database. */
  static BsonDocument userInfo(String user) {
    return new BsonDocument(
        "usersInfo",
        new BsonDocument("user", new BsonString(user))
            .append("db", new BsonString(Names.AUTH_DATABASE)));
  }

  /** {@code usersInfo} for the users of every database (to prove a fresh server has one). */
  static BsonDocument everyUserInfo() {
    return new BsonDocument("usersInfo", new BsonDocument("forAllDBs", BsonBoolean.TRUE));
  }

  /** {@code usersInfo: 1}: every user of the database the command runs on (admin). */
  static BsonDocument allUsersInfo() {
    return new BsonDocument("usersInfo", new BsonInt32(1));
  }

  /** {@code {role: <role>, db: <database>}}. */
  static BsonDocument role(String role, String database) {
    return new BsonDocument("role", new BsonString(role))
        .append("db", new BsonString(requireNonNull(database, "database is null")));
  }

  /** {@code readWrite} on each database. */
  static List<BsonDocument> accessRoles(Collection<String> databases) {
    return databases.stream().map(database -> role(ACCESS_ROLE, database)).toList();
  }

  static List<BsonDocument> superuserRoles() {
    return List.of(role(SUPERUSER_ROLE, Names.AUTH_DATABASE));
  }

  /** {@code create} of the marker collection; run on the database to create. */
  static BsonDocument createMarker() {
    return new BsonDocument("create", new BsonString(MARKER_COLLECTION));
  }

  static BsonDocument listDatabases() {
    return new BsonDocument("listDatabases", new BsonInt32(1)).append("nameOnly", BsonBoolean.TRUE);
  }

  /** {@code dropDatabase}; run on the database to drop. */
  static BsonDocument dropDatabase() {
    return new BsonDocument("dropDatabase", new BsonInt32(1));
  }

  /** The database names of a {@code listDatabases} reply, without MongoDB's own, sorted. */
  static List<String> userDatabases(BsonDocument reply) {
    SortedSet<String> names = new TreeSet<>();
    for (BsonValue database : reply.getArray("databases", new BsonArray())) {
      if (database.isDocument() && database.asDocument().isString("name")) {
        String name = database.asDocument().getString("name").getValue();
        if (!Names.isSystemDatabase(name)) {
          names.add(name);
        }
      }
    }
    return List.copyOf(names);
  }

  /** The users of a {@code usersInfo} reply (documents with {@code user} and {@code roles}). */
  static List<BsonDocument> users(BsonDocument reply) {
    List<BsonDocument> users = new ArrayList<>();
    for (BsonValue user : reply.getArray("users", new BsonArray())) {
      if (user.isDocument() && user.asDocument().isString("user")) {
        users.add(user.asDocument());
      }
    }
    return List.copyOf(users);
  }

  /** The one user of a {@code usersInfo} reply for a single user, or empty. */
  static Optional<BsonDocument> user(BsonDocument reply) {
    return users(reply).stream().findFirst();
  }

  static String userName(BsonDocument user) {
    return user.getString("user").getValue();
  }

  /** The roles a user document holds, as {@code {role, db}} documents. */
  static List<BsonDocument> roles(BsonDocument user) {
    List<BsonDocument> roles = new ArrayList<>();
    for (BsonValue role : user.getArray("roles", new BsonArray())) {
      if (role.isDocument()
          && role.asDocument().isString("role")
          && role.asDocument().isString("db")) {
        roles.add(
            role(
                role.asDocument().getString("role").getValue(),
                role.asDocument().getString("db").getValue()));
      }
    }
    return List.copyOf(roles);
  }

  /**
   * The databases a user has access to: every database, other than MongoDB's own, on which it holds
   * any role (readWrite from Steward; root may have given others), sorted.
   */
  static List<String> accessibleDatabases(BsonDocument user) {
    SortedSet<String> databases = new TreeSet<>();
    for (BsonDocument role : roles(user)) {
      String database = role.getString("db").getValue();
      if (!Names.isSystemDatabase(database)) {
        databases.add(database);
      }
    }
    return List.copyOf(databases);
  }

  /** Every role a user holds on one database (revoking them all removes its access). */
  static List<BsonDocument> rolesOn(BsonDocument user, String database) {
    return roles(user).stream()
        .filter(role -> role.getString("db").getValue().equals(database))
        .toList();
  }

  /** Whether a user holds {@code root} on the admin database. */
  static boolean isSuperuser(BsonDocument user) {
    return roles(user).contains(role(SUPERUSER_ROLE, Names.AUTH_DATABASE));
  }
}
