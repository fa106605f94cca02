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

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.validation.AnyHost;
import dev.steward.toolkit.validation.PasswordRule;
import dev.steward.toolkit.validation.Printable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Catalog queries and statements on roles shared by the user and root administration. */
final class Roles {
  static final int MAX_PASSWORD_LENGTH = 1024;

  static final PasswordRule PASSWORD = PasswordRule.characters(MAX_PASSWORD_LENGTH);

  private static final String CONNECT_GRANTS =
      "SELECT r.rolname, d.datname"
          + " FROM pg_catalog.pg_database d"
          + " CROSS JOIN LATERAL pg_catalog.aclexplode(d.datacl) a"
          + " JOIN pg_catalog.pg_roles r ON r.oid = a.grantee"
          + " WHERE a.privilege_type = 'CONNECT' AND NOT d.datistemplate"
          + " AND d.datname NOT IN ('postgres', 'template0', 'template1')";

  private Roles() {}

  /** PostgreSQL users are not host-qualified: only {@code %} names one. */
  static void requireAnyHost(UserRef user) {
    AnyHost.require(user, "PostgreSQL");
  }

  /** Non-empty, at most 1024 characters, no NUL; the message never shows the password. */
  static void validatePassword(Secret password) {
    PASSWORD.validate(password);
  }

  /** Whether the role exists, and whether it can log in. */
  static Optional<Boolean> canLogin(Connection connection, String role) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = ?")) {
      statement.setString(1, role);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(rows.getBoolean(1));
      }
    }
  }

  static boolean exists(Connection connection, String role) throws SQLException {
    return canLogin(connection, role).isPresent();
  }

  static StewardException notFound(String role) {
    return new StewardException(
        StandardErrorCode.NOT_FOUND, "User " + Printable.of(role) + " does not exist");
  }

  /** Every role's explicitly granted databases (CONNECT in the database's ACL), sorted. */
  static SortedMap<String, SortedSet<String>> connectGrants(Connection connection)
      throws SQLException {
    SortedMap<String, SortedSet<String>> result = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(CONNECT_GRANTS)) {
      while (rows.next()) {
        result.computeIfAbsent(rows.getString(1), role -> new TreeSet<>()).add(rows.getString(2));
      }
    }
    return result;
  }

  /** The databases a role may connect to by explicit grant, sorted. */
  static List<String> access(Connection connection, String role) throws SQLException {
    SortedSet<String> databases = new TreeSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(CONNECT_GRANTS + " AND r.rolname = ?")) {
      statement.setString(1, role);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          databases.add(rows.getString(2));
        }
      }
    }
    return List.copyOf(databases);
  }

  /** The other non-internal roles granted CONNECT on a database. */
  static List<String> peers(Connection connection, String database, String role)
      throws SQLException {
    SortedSet<String> peers = new TreeSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(CONNECT_GRANTS + " AND d.datname = ?")) {
      statement.setString(1, database);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String peer = rows.getString(1);
          if (!peer.equals(role) && !Names.isInternalUser(peer)) {
            peers.add(peer);
          }
        }
      }
    }
    return List.copyOf(peers);
  }

  /** Ends a role's sessions (in one database, or everywhere when {@code database} is empty). */
  static void terminateSessions(Connection connection, String role, Optional<String> database)
      throws SQLException {
    String sql =
        "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity"
            + " WHERE usename = ? AND pid <> pg_catalog.pg_backend_pid()";
    if (database.isPresent()) {
      sql += " AND datname = ?";
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, role);
      if (database.isPresent()) {
        statement.setString(2, database.get());
      }
      statement.executeQuery().close();
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
