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
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.toolkit.datastore.TemplateUserAdmin;
import dev.steward.toolkit.validation.AnyHost;
import dev.steward.toolkit.validation.Printable;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;

/**
 * Users of a MongoDB instance, Trove style: every user lives in the {@code admin} database (its
 * authentication database) and has access to a database through the role {@code readWrite} on it;
 * ordinary users never get a role on {@code admin}. Revoking removes every role the user holds on
 * the database (root may have granted others), so afterwards it cannot read it; mongod re-reads a
 * user's roles on its next command, also on connections opened before.
 */
final class MongodbUserAdmin extends TemplateUserAdmin {
  /** MongoDB's error code for {@code UserNotFound}. */
  static final int USER_NOT_FOUND = 11;

  /** MongoDB's error code for "User already exists". */
  static final int USER_EXISTS = 51003;

  private final EngineClients clients;

  MongodbUserAdmin(EngineClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  @Override
  public void validate(UserSpec spec) {
    AnyHost.require(spec.user(), "MongoDB");
    Names.USER.validate(spec.user().name());
    Names.PASSWORD.validate(spec.password());
    spec.databases().forEach(Names.EXISTING_DATABASE::validate);
  }

  @Override
  protected void createUser(InstanceContext instance, UserSpec spec) {
    String name = spec.user().name();
    List<BsonDocument> roles = Commands.accessRoles(spec.databases());
    clients.withAdmin(
        instance,
        "Creating user " + Printable.of(name),
        client -> {
          if (find(client, name).isEmpty()) {
            try {
              EngineClients.runOnAdmin(client, Commands.createUser(name, spec.password(), roles));
              return null;
            } catch (MongoException e) {
              if (!EngineClients.hasCode(e, USER_EXISTS)) {
                throw e;
              }
            }
          }
          // A repeated step (or a user created meanwhile): the same password and grants again.
          EngineClients.runOnAdmin(client, Commands.changePassword(name, spec.password()));
          if (!roles.isEmpty()) {
            EngineClients.runOnAdmin(client, Commands.grantRoles(name, roles));
          }
          return null;
        });
  }

  @Override
  public List<UserInfo> list(InstanceContext instance) {
    return clients.withAdmin(
        instance,
        "Listing users",
        client ->
            Commands.users(EngineClients.runOnAdmin(client, Commands.allUsersInfo())).stream()
                .filter(user -> !Names.isInternalUser(Commands.userName(user)))
                .map(MongodbUserAdmin::info)
                .sorted(Comparator.comparing(info -> info.user().name()))
                .toList());
  }

  @Override
  public Optional<UserInfo> find(InstanceContext instance, UserRef user) {
    AnyHost.require(user, "MongoDB");
    if (Names.isInternalUser(user.name())) {
      return Optional.empty();
    }
    Names.requireExistingUser(user);
    return clients.withAdmin(
        instance,
        "Reading user " + Printable.of(user.name()),
        client -> find(client, user.name()).map(MongodbUserAdmin::info));
  }

  @Override
  public void delete(InstanceContext instance, UserRef user) {
    Names.requireExistingUser(user);
    clients.withAdmin(
        instance,
        "Dropping user " + Printable.of(user.name()),
        client -> {
          try {
            EngineClients.runOnAdmin(client, Commands.dropUser(user.name()));
          } catch (MongoException e) {
            if (!EngineClients.hasCode(e, USER_NOT_FOUND)) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public void changePassword(InstanceContext instance, UserRef user, Secret password) {
    Names.requireExistingUser(user);
    Names.PASSWORD.validate(password);
    clients.withAdmin(
        instance,
        "Changing the password of user " + Printable.of(user.name()),
        client -> {
          require(client, user.name());
          EngineClients.runOnAdmin(client, Commands.changePassword(user.name(), password));
          return null;
        });
  }

  @Override
  public void grant(InstanceContext instance, UserRef user, List<String> databases) {
    Names.requireExistingUser(user);
    databases.forEach(Names.EXISTING_DATABASE::validate);
    if (databases.isEmpty()) {
      return;
    }
    clients.withAdmin(
        instance,
        "Granting access to user " + Printable.of(user.name()),
        client -> {
          require(client, user.name());
          List<String> existing = MongodbDatabaseAdmin.names(client);
          for (String database : databases) {
            if (!existing.contains(database)) {
              throw new StewardException(
                  StandardErrorCode.NOT_FOUND,
                  "Database " + Printable.of(database) + " does not exist");
            }
          }
          EngineClients.runOnAdmin(
              client, Commands.grantRoles(user.name(), Commands.accessRoles(databases)));
          return null;
        });
  }

  @Override
  public void revoke(InstanceContext instance, UserRef user, String database) {
    Names.requireExistingUser(user);
    Names.EXISTING_DATABASE.validate(database);
    clients.withAdmin(
        instance,
        "Revoking access of user " + Printable.of(user.name()),
        client -> {
          List<BsonDocument> roles = Commands.rolesOn(require(client, user.name()), database);
          if (!roles.isEmpty()) {
            EngineClients.runOnAdmin(client, Commands.revokeRoles(user.name(), roles));
          }
          return null;
        });
  }

  @Override
  public List<String> access(InstanceContext instance, UserRef user) {
    Names.requireExistingUser(user);
    return clients.withAdmin(
        instance,
        "Reading the access of user " + Printable.of(user.name()),
        client -> Commands.accessibleDatabases(require(client, user.name())));
  }

  /** The user's document in {@code admin}, or empty. */
  static Optional<BsonDocument> find(MongoClient client, String name) {
    return Commands.user(EngineClients.runOnAdmin(client, Commands.userInfo(name)));
  }

  private static BsonDocument require(MongoClient client, String name) {
    return find(client, name)
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.NOT_FOUND, "User " + Printable.of(name) + " does not exist"));
  }

  private static UserInfo info(BsonDocument user) {
    return new UserInfo(UserRef.of(Commands.userName(user)), Commands.accessibleDatabases(user));
  }
}
