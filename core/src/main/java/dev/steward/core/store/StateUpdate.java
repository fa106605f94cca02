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
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The compare-and-set state change every resource table shares ({@code state}, {@code fault_*},
 * {@code updated_at}, {@code deleted_at}): the row moves from {@code from} to {@code to} only if it
 * is still in {@code from}; CONFLICT otherwise. The caller has checked its state table.
 */
public final class StateUpdate {
  private StateUpdate() {}

  /**
   * @param table {@code instances} or {@code backups} (a constant, never input)
   * @param kind the resource's name for the message, e.g. {@code Backup}
   * @param deleted whether {@code to} is the terminal deleted state (sets {@code deleted_at})
   */
  public static void compareAndSet(
      Handle handle,
      String table,
      String kind,
      String id,
      String from,
      String to,
      Optional<Fault> fault,
      boolean deleted,
      Instant now) {
    int updated =
        handle
            .createUpdate(
                "UPDATE "
                    + table
                    + " SET state = :to, fault_code = :code, fault_message = :message, fault_at ="
                    + " :at, updated_at = :now, deleted_at = :deleted WHERE id = :id AND state ="
                    + " :from")
            .bind("to", to)
            .bind("code", fault.map(Fault::code).orElse(null))
            .bind("message", fault.map(Fault::message).orElse(null))
            .bind("at", fault.map(f -> f.created().toEpochMilli()).orElse(null))
            .bind("now", now.toEpochMilli())
            .bind("deleted", deleted ? now.toEpochMilli() : null)
            .bind("id", id)
            .bind("from", from)
            .execute();
    if (updated != 1) {
      throw new StewardException(
          StandardErrorCode.CONFLICT, kind + " " + id + " changed concurrently");
    }
  }

  /**
   * INVALID_STATE unless {@code allowed} (the caller's state table says {@code from} may become
   * {@code to}).
   */
  public static void requireTransition(
      String kind, String id, Enum<?> from, Enum<?> to, boolean allowed) {
    if (!allowed) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          kind + " " + id + " cannot go from " + from + " to " + to);
    }
  }
}
