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
package dev.steward.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.toolkit.datastore.TemplateUserAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Host-qualified users ({@code 'name'@'host'}) of a family instance. A user gets no global
 * privilege; access to a database is {@code ALL PRIVILEGES ON `db`.*} (without GRANT OPTION), with
 * {@code _} escaped so that the grant names exactly one database. Revoking or dropping ends the
 * user's open sessions, which would otherwise keep the database they had selected.
 */
final class MysqlFamilyUserAdmin extends TemplateUserAdmin {
  private final Distribution distribution;
  private final Names names;
  private final Accounts accounts;
  private final EngineConnections connections;

  MysqlFamilyUserAdmin(
      Distribution distribution, Names names, Accounts accounts, EngineConnections connections) {
    this.distribution = requireNonNull(distribution, "distribution is null");
    this.names = requireNonNull(names, "names is null");
    this.accounts = requireNonNull(accounts, "accounts is null");
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  public void validate(UserSpec spec) {
    names.validateUser(spec.user());
    Accounts.validatePassword(spec.password());
    spec.databases().forEach(names::validateDatabaseName);
  }

  @Override
  protected void createUser(InstanceContext instance, UserSpec spec) {
    String account = Accounts.account(spec.user());
    String authentication = distribution.authentication(spec.password());
    connections.withAdmin(
        instance,
        "Creating user " + Names.printable(spec.user().name()),
        connection -> {
          // A repeated step (or an account left by someone else) gets the password again.
          if (accounts.exists(connection, spec.user())) {
            Accounts.execute(connection, "ALTER USER " + account + " " + authentication);
          } else {
            Accounts.execute(connection, "CREATE USER " + account + " " + authentication);
          }
          for (String database : spec.databases()) {
            Accounts.execute(connection, grantStatement(database, spec.user()));
          }
          return null;
        });
  }

  @Override
  public List<UserInfo> list(InstanceContext instance) {
    return connections.withAdmin(
        instance,
        "Listing users",
        connection -> {
          Map<UserRef, SortedSet<String>> grants = accounts.databaseGrants(connection);
          List<UserInfo> users = new ArrayList<>();
          for (UserRef user : accounts.ordinary(connection)) {
            users.add(new UserInfo(user, List.copyOf(grants.getOrDefault(user, new TreeSet<>()))));
          }
          return List.copyOf(users);
        });
  }

  @Override
  public Optional<UserInfo> find(InstanceContext instance, UserRef user) {
    names.requireExistingUser(user);
    return connections.withAdmin(
        instance,
        "Reading user " + Names.printable(user.name()),
        connection -> {
          if (!accounts.exists(connection, user)) {
            return Optional.<UserInfo>empty();
          }
          return Optional.of(new UserInfo(user, accounts.access(connection, user)));
        });
  }

  @Override
  public void delete(InstanceContext instance, UserRef user) {
    names.requireExistingUser(user);
    String account = Accounts.account(user);
    connections.withAdmin(
        instance,
        "Dropping user " + Names.printable(user.name()),
        connection -> {
          Accounts.execute(connection, "DROP USER IF EXISTS " + account);
          Accounts.endSessions(connection, user.name());
          return null;
        });
  }

  @Override
  public void changePassword(InstanceContext instance, UserRef user, Secret password) {
    names.requireExistingUser(user);
    Accounts.validatePassword(password);
    String statementText =
        "ALTER USER " + Accounts.account(user) + " " + distribution.authentication(password);
    connections.withAdmin(
        instance,
        "Changing the password of user " + Names.printable(user.name()),
        connection -> {
          if (!accounts.exists(connection, user)) {
            throw Accounts.notFound(user);
          }
          Accounts.execute(connection, statementText);
          return null;
        });
  }

  @Override
  public void grant(InstanceContext instance, UserRef user, List<String> databases) {
    names.requireExistingUser(user);
    databases.forEach(names::requireExistingDatabaseName);
    connections.withAdmin(
        instance,
        "Granting access to user " + Names.printable(user.name()),
        connection -> {
          if (!accounts.exists(connection, user)) {
            throw Accounts.notFound(user);
          }
          for (String database : databases) {
            Accounts.execute(connection, grantStatement(database, user));
          }
          return null;
        });
  }

  @Override
  public void revoke(InstanceContext instance, UserRef user, String database) {
    names.requireExistingUser(user);
    names.requireExistingDatabaseName(database);
    connections.withAdmin(
        instance,
        "Revoking access of user " + Names.printable(user.name()),
        connection -> {
          if (!accounts.exists(connection, user)) {
            throw Accounts.notFound(user);
          }
          if (Accounts.grantees(connection, database).contains(user)) {
            Accounts.execute(connection, revokeStatement(database, user));
          }
          Accounts.endSessions(connection, user.name());
          return null;
        });
  }

  @Override
  public List<String> access(InstanceContext instance, UserRef user) {
    names.requireExistingUser(user);
    return connections.withAdmin(
        instance,
        "Reading the access of user " + Names.printable(user.name()),
        connection -> {
          if (!accounts.exists(connection, user)) {
            throw Accounts.notFound(user);
          }
          return accounts.access(connection, user);
        });
  }

  static String grantStatement(String database, UserRef user) {
    return "GRANT ALL PRIVILEGES ON "
        + Sql.grantDatabase(database)
        + ".* TO "
        + Accounts.account(user);
  }

  static String revokeStatement(String database, UserRef user) {
    return "REVOKE ALL PRIVILEGES ON "
        + Sql.grantDatabase(database)
        + ".* FROM "
        + Accounts.account(user);
  }
}
