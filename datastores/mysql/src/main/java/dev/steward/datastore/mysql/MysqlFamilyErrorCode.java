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

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/**
 * The MySQL family's own error codes (MySQL and MariaDB; range {@code 0x0003_0000} to {@code
 * 0x0003_FFFF}). Failures with a standard meaning (server unreachable, unknown database, invalid
 * name) use {@link dev.steward.spi.StandardErrorCode} instead.
 */
public enum MysqlFamilyErrorCode implements ErrorCodeSupplier {
  /** The server rejected a statement for a reason no standard code describes. */
  STATEMENT_FAILED(0x0003_0000, ErrorCategory.INTERNAL, false),
  /** The server rejected the internal administrator's credentials. */
  ADMIN_AUTHENTICATION_FAILED(0x0003_0001, ErrorCategory.INTERNAL, false),
  /** The server process exited while starting and was not restarted; see the instance's log. */
  SERVER_EXITED(0x0003_0002, ErrorCategory.INTERNAL, false),
  /** An installed server binary could not report its version. */
  INSTALLATION_INVALID(0x0003_0003, ErrorCategory.INTERNAL, false);

  private final ErrorCode errorCode;

  MysqlFamilyErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
