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
package dev.steward.core.store;

import dev.steward.core.model.Fault;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Row reading and the lock columns every resource table shares ({@code id}, {@code fault_*}, {@code
 * active_operation}, {@code created_at}, {@code updated_at}): one place for the SQL shapes {@link
 * InstanceStore}, the backup store and the operation store would otherwise each write.
 */
public final class Rows {
  private Rows() {}

  /** The row's fault ({@code fault_code}, {@code fault_message}, {@code fault_at}), if any. */
  public static Optional<Fault> fault(ResultSet rs) throws SQLException {
    String faultCode = rs.getString("fault_code");
    return faultCode == null
        ? Optional.empty()
        : Optional.of(new Fault(faultCode, rs.getString("fault_message"), instant(rs, "fault_at")));
  }

  /** A nullable text column. */
  public static Optional<String> text(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  /** A non-null epoch-millisecond column. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  /**
   * The one row of {@code table} with this id, reading {@code columns} (constants, never input).
   */
  public static <T> Optional<T> byId(
      Handle handle, String table, String columns, String id, RowMapper<T> mapper) {
    return handle
        .createQuery("SELECT " + columns + " FROM " + table + " WHERE id = :id")
        .bind("id", id)
        .map(mapper)
        .findOne();
  }

  /** The rows of {@code table} matching {@code where}, with one bound parameter {@code name}. */
  public static <T> List<T> where(
      Handle handle,
      String table,
      String columns,
      String where,
      String name,
      Object value,
      RowMapper<T> mapper) {
    return handle
        .createQuery("SELECT " + columns + " FROM " + table + " WHERE " + where)
        .bind(name, value)
        .map(mapper)
        .list();
  }

  /** The sealed admin secret of the row of {@code table} with this id, if the row exists. */
  public static Optional<String> sealedAdminSecret(Handle handle, String table, String id) {
    return handle
        .createQuery("SELECT admin_secret FROM " + table + " WHERE id = :id")
        .bind("id", id)
        .mapTo(String.class)
        .findOne();
  }

  /** Releases the row's lock held by {@code operationId}; does nothing when it holds none. */
  public static void unlock(
      Handle handle, String table, String id, String operationId, Instant now) {
    handle
        .createUpdate(
            "UPDATE "
                + table
                + " SET active_operation = NULL, updated_at = :now WHERE id = :id AND"
                + " active_operation = :operation")
        .bind("now", now.toEpochMilli())
        .bind("id", id)
        .bind("operation", operationId)
        .execute();
  }

  /** Sets one column of the row ({@code column} a constant, never input) and its update time. */
  public static void set(
      Handle handle, String table, String column, Object value, String id, Instant now) {
    handle
        .createUpdate(
            "UPDATE " + table + " SET " + column + " = :value, updated_at = :now WHERE id = :id")
        .bind("value", value)
        .bind("now", now.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  /** CONFLICT: another operation holds the resource's lock. */
  public static StewardException busy(String kind, String id) {
    return new StewardException(
        StandardErrorCode.CONFLICT,
        kind + " " + id + " is busy with another operation; try again when it is done");
  }
}
