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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.toolkit.datastore.TemplateDatabaseAdmin;
import dev.steward.toolkit.engine.SqlQueries;
import dev.steward.toolkit.validation.Printable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Databases of a PostgreSQL instance, administered as {@code postgres} over JDBC. A new database is
 * owned by {@code postgres} and closed to {@code PUBLIC}: only users granted access may connect.
 * Requires PostgreSQL 13 or newer ({@code DROP DATABASE ... WITH (FORCE)}).
 */
final class PostgresqlDatabaseAdmin extends TemplateDatabaseAdmin {
  /**
   * What CREATE DATABASE answers for an unknown locale (42809 on PostgreSQL 15) or an encoding the
   * locale cannot hold (22023).
   */
  private static final Set<String> LOCALE_STATES = Set.of("42809", "22023");

  private final EngineConnections connections;

  PostgresqlDatabaseAdmin(EngineConnections connections) {
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  public void validate(DatabaseSpec spec) {
    Names.DATABASE.validate(spec.name());
    spec.characterSet().ifPresent(Names::encoding);
    spec.collation().ifPresent(Names::validateCollation);
  }

  @Override
  protected void createDatabase(InstanceContext instance, DatabaseSpec spec) {
    String createStatement = createStatement(spec);
    String quoted = Names.quoteIdentifier(spec.name());
    connections.withAdmin(
        instance,
        EngineConnections.MAINTENANCE_DATABASE,
        "Creating database " + Printable.of(spec.name()),
        connection -> {
          if (!exists(connection, spec.name())) {
            try (Statement statement = connection.createStatement()) {
              statement.execute(createStatement);
            } catch (SQLException e) {
              if (LOCALE_STATES.contains(e.getSQLState())) {
                throw new StewardException(
                    StandardErrorCode.INVALID_ARGUMENT,
                    "The server cannot create database "
                        + Printable.of(spec.name())
                        + " with this character set and collation: "
                        + EngineConnections.serverMessage(e),
                    e);
              }
              // 42P04: created concurrently between the check and here; the goal is reached.
              if (!"42P04".equals(e.getSQLState())) {
                throw e;
              }
            }
          }
          // Repeated on every call: a crash may have come between CREATE and REVOKE.
          try (Statement statement = connection.createStatement()) {
            statement.execute("REVOKE ALL ON DATABASE " + quoted + " FROM PUBLIC");
          }
          return null;
        });
  }

  @Override
  public List<DatabaseInfo> list(InstanceContext instance) {
    return connections.withAdmin(
        instance,
        EngineConnections.MAINTENANCE_DATABASE,
        "Listing databases",
        connection ->
            SqlQueries.databases(
                connection,
                "SELECT datname, pg_encoding_to_char(encoding), datcollate"
                    + " FROM pg_catalog.pg_database"
                    + " WHERE NOT datistemplate"
                    + " AND datname NOT IN ('postgres', 'template0', 'template1')",
                name -> true));
  }

  @Override
  public void delete(InstanceContext instance, String name) {
    Names.EXISTING_DATABASE.validate(name);
    String statementText =
        "DROP DATABASE IF EXISTS " + Names.quoteIdentifier(name) + " WITH (FORCE)";
    connections.withAdmin(
        instance,
        EngineConnections.MAINTENANCE_DATABASE,
        "Dropping database " + Printable.of(name),
        connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(statementText);
          }
          return null;
        });
  }

  /**
   * {@code CREATE DATABASE}; with a character set or collation it copies {@code template0} (the
   * only template whose encoding and locale may differ), and a non-UTF8 encoding without a
   * collation gets the {@code C} locale, the only one compatible with every encoding.
   */
  static String createStatement(DatabaseSpec spec) {
    StringBuilder sql =
        new StringBuilder("CREATE DATABASE ").append(Names.quoteIdentifier(spec.name()));
    if (spec.characterSet().isPresent() || spec.collation().isPresent()) {
      String encoding = spec.characterSet().map(Names::encoding).orElse("UTF8");
      Optional<String> collation = spec.collation();
      collation.ifPresent(Names::validateCollation);
      String locale = collation.orElse(encoding.equals("UTF8") ? "C.UTF-8" : "C");
      sql.append(" TEMPLATE template0 ENCODING ")
          .append(Names.quoteLiteral(encoding))
          .append(" LC_COLLATE ")
          .append(Names.quoteLiteral(locale))
          .append(" LC_CTYPE ")
          .append(Names.quoteLiteral(locale));
    }
    return sql.toString();
  }

  static boolean exists(Connection connection, String name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }
}
