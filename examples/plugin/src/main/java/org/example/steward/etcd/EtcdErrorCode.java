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
package org.example.steward.etcd;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/**
 * The etcd datastore's own error codes (range {@code 0x0007_0000} to {@code 0x0007_FFFF}). Failures
 * with a standard meaning (server not answering, unknown user, invalid name) use {@link
 * dev.steward.spi.StandardErrorCode} instead.
 */
public enum EtcdErrorCode implements ErrorCodeSupplier {
  /** etcd rejected a request for a reason no standard code describes. */
  REQUEST_FAILED(0x0007_0000, ErrorCategory.INTERNAL, false),
  /** etcd rejected the internal administrator's credentials. */
  ADMIN_AUTHENTICATION_FAILED(0x0007_0001, ErrorCategory.INTERNAL, false),
  /** The server process exited while starting and was not restarted; see the instance's log. */
  SERVER_EXITED(0x0007_0002, ErrorCategory.INTERNAL, false),
  /**
   * After enabling authentication, the server held users, roles, keys or members that Steward did
   * not create: something reached the server during the short unauthenticated bootstrap.
   */
  BOOTSTRAP_STATE_UNEXPECTED(0x0007_0003, ErrorCategory.INTERNAL, false),
  /** The installed etcd could not report its version. */
  INSTALLATION_INVALID(0x0007_0004, ErrorCategory.INTERNAL, false),
  /** etcd answered with something that is not the JSON its gateway documents. */
  RESPONSE_INVALID(0x0007_0005, ErrorCategory.INTERNAL, false);

  private final ErrorCode errorCode;

  EtcdErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
