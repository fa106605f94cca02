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

import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.datastore.TemplateDatabaseAdmin;
import dev.steward.toolkit.engine.SqlQueries;
import java.util.List;

/**
 * Databases of a family instance, administered as {@code os_admin} over JDBC. Dropping a database
 * also revokes every grant on it, so that a later database of the same name is not open to the old
 * grantees (MySQL keeps grants of dropped databases).
 */
final class MysqlFamilyDatabaseAdmin extends TemplateDatabaseAdmin {
  private final Names names;
  private final EngineConnections connections;

  MysqlFamilyDatabaseAdmin(Names names, EngineConnections connections) {
    this.names = requireNonNull(names, "names is null");
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  public void validate(DatabaseSpec spec) {
    names.validateDatabaseName(spec.name());
    spec.characterSet().ifPresent(Names::validateCharacterSet);
    spec.collation().ifPresent(Names::validateCollation);
  }

  @Override
  protected void createDatabase(InstanceContext instance, DatabaseSpec spec) {
    String statementText = createStatement(spec);
    connections.withAdmin(
        instance,
        "Creating database " + Names.printable(spec.name()),
        connection -> {
          Accounts.execute(connection, statementText);
          return null;
        });
  }

  @Override
  public List<DatabaseInfo> list(InstanceContext instance) {
    return connections.withAdmin(
        instance,
        "Listing databases",
        connection ->
            SqlQueries.databases(
                connection,
                "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                    + " FROM information_schema.SCHEMATA",
                name -> !names.isSystemDatabase(name)));
  }

  @Override
  public void delete(InstanceContext instance, String name) {
    names.requireExistingDatabaseName(name);
    String drop = "DROP DATABASE IF EXISTS " + Sql.identifier(name);
    connections.withAdmin(
        instance,
        "Dropping database " + Names.printable(name),
        connection -> {
          Accounts.execute(connection, drop);
          // Repeated on every call: a crash may have come between DROP and the revokes.
          for (UserRef grantee : Accounts.grantees(connection, name)) {
            Accounts.execute(
                connection,
                "REVOKE ALL PRIVILEGES ON "
                    + Sql.grantDatabase(name)
                    + ".* FROM "
                    + Accounts.account(grantee));
          }
          return null;
        });
  }

  /** {@code CREATE DATABASE IF NOT EXISTS `name` [CHARACTER SET x] [COLLATE y]}. */
  static String createStatement(DatabaseSpec spec) {
    StringBuilder sql =
        new StringBuilder("CREATE DATABASE IF NOT EXISTS ").append(Sql.identifier(spec.name()));
    spec.characterSet()
        .ifPresent(characterSet -> {
          Names.validateCharacterSet(characterSet);
          sql.append(" CHARACTER SET ").append(characterSet);
        });
    spec.collation()
        .ifPresent(collation -> {
          Names.validateCollation(collation);
          sql.append(" COLLATE ").append(collation);
        });
    return sql.toString();
  }
}
