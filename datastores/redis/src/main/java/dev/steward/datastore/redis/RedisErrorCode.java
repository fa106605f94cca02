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
package dev.steward.datastore.redis;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/**
 * The Redis datastore's own error codes (range {@code 0x0005_0000} to {@code 0x0005_FFFF}).
 * Failures that have a standard meaning (server not answering, unknown user, invalid name) use
 * {@link dev.steward.spi.StandardErrorCode} instead.
 */
public enum RedisErrorCode implements ErrorCodeSupplier {
  /** The server rejected a command for a reason no standard code describes. */
  COMMAND_FAILED(0x0005_0000, ErrorCategory.INTERNAL, false),
  /** The server rejected the credentials of Steward's internal ACL user. */
  ADMIN_AUTHENTICATION_FAILED(0x0005_0001, ErrorCategory.INTERNAL, false),
  /** The server process exited while starting and was not restarted; see the instance's log. */
  SERVER_EXITED(0x0005_0002, ErrorCategory.INTERNAL, false),
  /** The installed redis-server could not report its version, or is older than Redis 6. */
  INSTALLATION_INVALID(0x0005_0003, ErrorCategory.INTERNAL, false),
  /** A physical restore left no RDB file in the data directory to adopt. */
  RESTORED_DATA_MISSING(0x0005_0004, ErrorCategory.INTERNAL, false);

  private final ErrorCode errorCode;

  RedisErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
