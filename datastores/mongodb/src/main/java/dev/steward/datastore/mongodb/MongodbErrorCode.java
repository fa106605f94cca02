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
package dev.steward.datastore.mongodb;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/**
 * The MongoDB datastore's own error codes (range {@code 0x0006_0000} to {@code 0x0006_FFFF}).
 * Failures with a standard meaning (server unreachable, unknown user, invalid name) use {@link
 * dev.steward.spi.StandardErrorCode} instead.
 */
public enum MongodbErrorCode implements ErrorCodeSupplier {
  /** The server rejected a command for a reason no standard code describes. */
  COMMAND_FAILED(0x0006_0000, ErrorCategory.INTERNAL, false),
  /** The server rejected the internal administrator's credentials. */
  ADMIN_AUTHENTICATION_FAILED(0x0006_0001, ErrorCategory.INTERNAL, false),
  /** The server process exited while starting and was not restarted; see the instance's log. */
  SERVER_EXITED(0x0006_0002, ErrorCategory.INTERNAL, false),
  /** The configured mongod could not report its version. */
  INSTALLATION_INVALID(0x0006_0003, ErrorCategory.INTERNAL, false),
  /**
   * While preparing, the server refused to create the internal administrator through the localhost
   * exception: some other local client created a user first. The next prepare starts from an empty
   * data directory again.
   */
  BOOTSTRAP_REFUSED(0x0006_0004, ErrorCategory.INTERNAL, true);

  private final ErrorCode errorCode;

  MongodbErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
