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
package dev.steward.spi.datastore;

import static java.util.Objects.requireNonNull;

/**
 * The result of a health check.
 *
 * @param status what the check found
 * @param detail a short human-readable explanation, never a secret
 */
public record Health(Status status, String detail) {
  public Health {
    requireNonNull(status, "status is null");
    requireNonNull(detail, "detail is null");
  }

  /** Health states, in Trove's operating-status vocabulary. */
  public enum Status {
    /** The server answers queries. */
    HEALTHY,
    /** The process runs but does not answer (starting, overloaded). */
    RUNNING,
    /** No server process. */
    SHUTDOWN,
  }
}
