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
package dev.steward.toolkit.engine;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.DatabaseInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Queries the SQL engines' database admins share, on a connection the engine opened as its
 * administrator. Called on the operation worker's (or request's) thread; the caller translates
 * {@link SQLException}s into its own codes.
 */
public final class SqlQueries {
  private SqlQueries() {}

  /**
   * The databases a catalog query lists, sorted by name: {@code query} returns the name, the
   * character set and the collation; rows whose name {@code keep} refuses (system databases) are
   * left out.
   */
  public static List<DatabaseInfo> databases(
      Connection connection, String query, Predicate<String> keep) throws SQLException {
    requireNonNull(keep, "keep is null");
    List<DatabaseInfo> result = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        if (keep.test(rows.getString(1))) {
          result.add(new DatabaseInfo(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
      }
    }
    result.sort(Comparator.comparing(DatabaseInfo::name));
    return List.copyOf(result);
  }
}
