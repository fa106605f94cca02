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
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.validation.PasswordRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Catalog queries and statements on accounts, shared by user and root administration. */
final class Accounts {
  static final int MAX_PASSWORD_LENGTH = 256;
  static final PasswordRule PASSWORD = PasswordRule.characters(MAX_PASSWORD_LENGTH);

  /** Error of KILL for a session that ended meanwhile. */
  private static final int UNKNOWN_THREAD = 1094;

  private final Distribution distribution;

  Accounts(Distribution distribution) {
    this.distribution = requireNonNull(distribution, "distribution is null");
  }

  static String account(UserRef user) {
    return Sql.account(user.name(), user.host());
  }

  boolean exists(Connection connection, UserRef user) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?")) {
      statement.setString(1, user.name());
      statement.setString(2, user.host());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  boolean locked(Connection connection, UserRef user) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(distribution.lockedQuery())) {
      statement.setString(1, user.name());
      statement.setString(2, user.host());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }

  /** Accounts that are neither roles nor internal, sorted by name, then host. */
  List<UserRef> ordinary(Connection connection) throws SQLException {
    List<UserRef> users = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(distribution.accountsQuery())) {
      while (rows.next()) {
        String name = rows.getString(1);
        if (!distribution.isInternalUser(name)) {
          users.add(new UserRef(name, rows.getString(2)));
        }
      }
    }
    users.sort(java.util.Comparator.comparing(UserRef::name).thenComparing(UserRef::host));
    return List.copyOf(users);
  }

  /**
   * Every account's database grants ({@code mysql.db}), by existing database name, sorted. A grant
   * on a database that no longer exists, or on a wildcard pattern, is not access to a database.
   */
  Map<UserRef, SortedSet<String>> databaseGrants(Connection connection) throws SQLException {
    SortedSet<String> existing = new TreeSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
      while (rows.next()) {
        existing.add(rows.getString(1));
      }
    }
    Map<UserRef, SortedSet<String>> grants =
        new TreeMap<>(java.util.Comparator.comparing(UserRef::name).thenComparing(UserRef::host));
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT User, Host, Db FROM mysql.db")) {
      while (rows.next()) {
        String database = Sql.unescapeGrantPattern(rows.getString(3));
        if (existing.contains(database) && Sql.grantPattern(database).equals(rows.getString(3))) {
          grants
              .computeIfAbsent(
                  new UserRef(rows.getString(1), rows.getString(2)), user -> new TreeSet<>())
              .add(database);
        }
      }
    }
    return grants;
  }

  List<String> access(Connection connection, UserRef user) throws SQLException {
    return List.copyOf(databaseGrants(connection).getOrDefault(user, new TreeSet<>()));
  }

  /** The accounts holding a grant on exactly this database. */
  static List<UserRef> grantees(Connection connection, String database) throws SQLException {
    List<UserRef> grantees = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT User, Host FROM mysql.db WHERE Db = ?")) {
      statement.setString(1, Sql.grantPattern(database));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          grantees.add(new UserRef(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return grantees;
  }

  /**
   * Ends the sessions of a user name (every host, except socket sessions on {@code localhost}), so
   * that a revoked or dropped account cannot keep working in a session opened before: MySQL checks
   * database privileges when a session selects its database.
   */
  static void endSessions(Connection connection, String name) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT ID FROM information_schema.PROCESSLIST"
                + " WHERE USER = ? AND ID <> CONNECTION_ID() AND HOST <> 'localhost'")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    for (long id : ids) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("KILL CONNECTION " + id);
      } catch (SQLException e) {
        if (e.getErrorCode() != UNKNOWN_THREAD) {
          throw e;
        }
      }
    }
  }

  static void validatePassword(Secret password) {
    PASSWORD.validate(password);
  }

  static StewardException notFound(UserRef user) {
    return new StewardException(
        StandardErrorCode.NOT_FOUND,
        "User "
            + Names.printable(user.name())
            + "@"
            + Names.printable(user.host())
            + " does not exist");
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
