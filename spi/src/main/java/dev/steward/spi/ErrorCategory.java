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
package dev.steward.spi;

/**
 * What kind of failure an {@link ErrorCode} names. The reference server maps a category to an HTTP
 * status and a Trove fault name; the operation engine uses it, with the retryable flag, to decide
 * between retrying a step and compensating.
 */
public enum ErrorCategory {
  /** The caller's input is wrong; nothing was changed. */
  BAD_REQUEST(400),
  /** The caller may not perform this request. */
  FORBIDDEN(403),
  /** The named resource does not exist (or belongs to another tenant). */
  NOT_FOUND(404),
  /** Another mutation of the same resource is in progress. */
  CONFLICT(409),
  /** A quota or size limit would be exceeded. */
  OVER_LIMIT(413),
  /** The resource's state does not allow the request now. */
  INVALID_STATE(422),
  /** The feature is not available for this datastore, version or platform. */
  NOT_SUPPORTED(501),
  /** A dependency (engine, platform, store) is not reachable right now. */
  UNAVAILABLE(503),
  /** A failure inside Steward or a plugin. */
  INTERNAL(500);

  private final int httpStatus;

  ErrorCategory(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the reference server answers with. */
  public int httpStatus() {
    return httpStatus;
  }
}
