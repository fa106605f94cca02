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
package dev.steward.datastore.postgresql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.toolkit.datastore.TemplateUserAdmin;
import dev.steward.toolkit.validation.Printable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Users of a PostgreSQL instance: login roles without any administrative attribute. Access to a
 * database means CONNECT/CREATE/TEMPORARY on it, all privileges on its {@code public} schema and on
 * the tables and sequences there, now and (through default privileges) later, also on those other
 * granted users create. Passwords are set as client-computed SCRAM verifiers.
 */
final class PostgresqlUserAdmin extends TemplateUserAdmin {
  private static final String ORDINARY =
      " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";
  private static final List<String> OBJECT_KINDS = List.of("TABLES", "SEQUENCES");

  private final EngineConnections connections;

  PostgresqlUserAdmin(EngineConnections connections) {
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  public void validate(UserSpec spec) {
    Names.USER.validate(spec.user().name());
    Roles.requireAnyHost(spec.user());
    Roles.validatePassword(spec.password());
    spec.databases().forEach(Names.DATABASE::validate);
  }

  @Override
  protected void createUser(InstanceContext instance, UserSpec spec) {
    String name = spec.user().name();
    String quoted = Names.quoteIdentifier(name);
    maintenance(
        instance,
        "Creating user " + Printable.of(name),
        connection -> {
          if (!Roles.exists(connection, name)) {
            try {
              Roles.execute(connection, "CREATE ROLE " + quoted + ORDINARY);
            } catch (SQLException e) {
              if (!"42710".equals(e.getSQLState())) {
                throw e;
              }
            }
          }
          // A repeated step (or a role left by someone else) gets the same attributes again.
          Roles.execute(connection, "ALTER ROLE " + quoted + ORDINARY);
          EngineConnections.setPassword(connection, name, spec.password());
          return null;
        });
    grant(instance, spec.user(), spec.databases());
  }

  @Override
  public List<UserInfo> list(InstanceContext instance) {
    return maintenance(
        instance,
        "Listing users",
        connection -> {
          SortedSet<String> names = new TreeSet<>();
          try (Statement statement = connection.createStatement();
              ResultSet rows =
                  statement.executeQuery(
                      "SELECT rolname FROM pg_catalog.pg_roles WHERE rolcanlogin")) {
            while (rows.next()) {
              if (!Names.isInternalUser(rows.getString(1))) {
                names.add(rows.getString(1));
              }
            }
          }
          SortedMap<String, SortedSet<String>> grants = Roles.connectGrants(connection);
          List<UserInfo> users = new ArrayList<>();
          for (String name : names) {
            users.add(
                new UserInfo(
                    UserRef.of(name), List.copyOf(grants.getOrDefault(name, new TreeSet<>()))));
          }
          return List.copyOf(users);
        });
  }

  @Override
  public Optional<UserInfo> find(InstanceContext instance, UserRef user) {
    requireSafe(user);
    if (Names.isInternalUser(user.name())) {
      return Optional.empty();
    }
    return maintenance(
        instance,
        "Reading user " + Printable.of(user.name()),
        connection -> {
          if (!Roles.canLogin(connection, user.name()).orElse(false)) {
            return Optional.<UserInfo>empty();
          }
          return Optional.of(
              new UserInfo(UserRef.of(user.name()), Roles.access(connection, user.name())));
        });
  }

  @Override
  public void delete(InstanceContext instance, UserRef user) {
    requireExisting(user);
    String name = user.name();
    String quoted = Names.quoteIdentifier(name);
    List<String> databases =
        maintenance(
            instance,
            "Dropping user " + Printable.of(name),
            connection -> {
              if (!Roles.exists(connection, name)) {
                return List.<String>of();
              }
              return connectableDatabases(connection);
            });
    if (databases.isEmpty()) {
      return;
    }
    // Ownership and privileges are per database: each one is cleaned before the role goes.
    for (String database : databases) {
      connections.withAdmin(
          instance,
          database,
          "Dropping objects of user " + Printable.of(name),
          connection -> {
            Roles.execute(
                connection, "REASSIGN OWNED BY " + quoted + " TO " + EngineConnections.ADMIN_USER);
            Roles.execute(connection, "DROP OWNED BY " + quoted);
            return null;
          });
    }
    maintenance(
        instance,
        "Dropping user " + Printable.of(name),
        connection -> {
          Roles.terminateSessions(connection, name, Optional.empty());
          Roles.execute(connection, "DROP ROLE IF EXISTS " + quoted);
          return null;
        });
  }

  @Override
  public void changePassword(InstanceContext instance, UserRef user, Secret password) {
    requireExisting(user);
    Roles.validatePassword(password);
    maintenance(
        instance,
        "Changing the password of user " + Printable.of(user.name()),
        connection -> {
          if (!Roles.exists(connection, user.name())) {
            throw Roles.notFound(user.name());
          }
          EngineConnections.setPassword(connection, user.name(), password);
          return null;
        });
  }

  @Override
  public void grant(InstanceContext instance, UserRef user, List<String> databases) {
    requireExisting(user);
    databases.forEach(Names.EXISTING_DATABASE::validate);
    String name = user.name();
    String quoted = Names.quoteIdentifier(name);
    maintenance(
        instance,
        "Granting access to user " + Printable.of(name),
        connection -> {
          if (!Roles.exists(connection, name)) {
            throw Roles.notFound(name);
          }
          for (String database : databases) {
            if (!PostgresqlDatabaseAdmin.exists(connection, database)) {
              throw new StewardException(
                  StandardErrorCode.NOT_FOUND,
                  "Database " + Printable.of(database) + " does not exist");
            }
            Roles.execute(
                connection,
                "GRANT ALL PRIVILEGES ON DATABASE "
                    + Names.quoteIdentifier(database)
                    + " TO "
                    + quoted);
          }
          return null;
        });
    for (String database : databases) {
      connections.withAdmin(
          instance,
          database,
          "Granting access to database " + Printable.of(database),
          connection -> {
            schemaPrivileges(connection, database, name, Privilege.GRANT);
            return null;
          });
    }
  }

  @Override
  public void revoke(InstanceContext instance, UserRef user, String database) {
    requireExisting(user);
    Names.EXISTING_DATABASE.validate(database);
    String name = user.name();
    String quoted = Names.quoteIdentifier(name);
    boolean databaseExists =
        maintenance(
            instance,
            "Revoking access of user " + Printable.of(name),
            connection -> {
              if (!Roles.exists(connection, name)) {
                throw Roles.notFound(name);
              }
              if (!PostgresqlDatabaseAdmin.exists(connection, database)) {
                return false;
              }
              Roles.execute(
                  connection,
                  "REVOKE ALL ON DATABASE " + Names.quoteIdentifier(database) + " FROM " + quoted);
              return true;
            });
    if (!databaseExists) {
      return;
    }
    connections.withAdmin(
        instance,
        database,
        "Revoking access to database " + Printable.of(database),
        connection -> {
          schemaPrivileges(connection, database, name, Privilege.REVOKE);
          // Sessions opened before the revoke would keep reading otherwise.
          Roles.terminateSessions(connection, name, Optional.of(database));
          return null;
        });
  }

  @Override
  public List<String> access(InstanceContext instance, UserRef user) {
    requireExisting(user);
    return maintenance(
        instance,
        "Reading the access of user " + Printable.of(user.name()),
        connection -> {
          if (!Roles.exists(connection, user.name())) {
            throw Roles.notFound(user.name());
          }
          return Roles.access(connection, user.name());
        });
  }

  /** Default privileges on objects {@code owner} creates in public, granted to / revoked from. */
  /** GRANT ... TO or REVOKE ... FROM: the two directions of one set of privileges. */
  private enum Privilege {
    GRANT("GRANT", "TO"),
    REVOKE("REVOKE", "FROM");

    private final String verb;
    private final String preposition;

    Privilege(String verb, String preposition) {
      this.verb = verb;
      this.preposition = preposition;
    }

    /** {@code GRANT ALL ON <object> TO <role>} or the REVOKE form. */
    String all(String object, String quotedRole) {
      return verb + " ALL ON " + object + " " + preposition + " " + quotedRole;
    }
  }

  /**
   * Inside one database: the public schema, its tables and sequences (existing and future), and
   * default privileges in both directions with every other user granted the same database, so that
   * users sharing a database can read each other's tables.
   */
  private static void schemaPrivileges(
      Connection connection, String database, String name, Privilege privilege)
      throws SQLException {
    String quoted = Names.quoteIdentifier(name);
    Roles.execute(connection, privilege.all("SCHEMA public", quoted));
    for (String kind : OBJECT_KINDS) {
      Roles.execute(connection, privilege.all("ALL " + kind + " IN SCHEMA public", quoted));
      Roles.execute(
          connection, "ALTER DEFAULT PRIVILEGES IN SCHEMA public " + privilege.all(kind, quoted));
    }
    for (String peer : Roles.peers(connection, database, name)) {
      defaultPrivileges(connection, peer, name, privilege);
      defaultPrivileges(connection, name, peer, privilege);
    }
  }

  private static void defaultPrivileges(
      Connection connection, String owner, String grantee, Privilege privilege)
      throws SQLException {
    for (String kind : OBJECT_KINDS) {
      Roles.execute(
          connection,
          "ALTER DEFAULT PRIVILEGES FOR ROLE "
              + Names.quoteIdentifier(owner)
              + " IN SCHEMA public "
              + privilege.all(kind, Names.quoteIdentifier(grantee)));
    }
  }

  private static List<String> connectableDatabases(Connection connection) throws SQLException {
    List<String> databases = new ArrayList<>();
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT datname FROM pg_catalog.pg_database WHERE datallowconn ORDER BY datname");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        databases.add(rows.getString(1));
      }
    }
    return databases;
  }

  private <T> T maintenance(
      InstanceContext instance, String action, EngineConnections.SqlWork<T> work) {
    return connections.withAdmin(instance, EngineConnections.MAINTENANCE_DATABASE, action, work);
  }

  private static void requireSafe(UserRef user) {
    Roles.requireAnyHost(user);
    Names.requireWellFormed("user", user.name());
  }

  private static void requireExisting(UserRef user) {
    Roles.requireAnyHost(user);
    Names.EXISTING_USER.validate(user.name());
  }
}
