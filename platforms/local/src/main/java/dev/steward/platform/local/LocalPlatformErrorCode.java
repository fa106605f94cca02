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
package dev.steward.platform.local;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/** The local platform's own error codes (range 0x0002_0000 to 0x0002_FFFF). */
public enum LocalPlatformErrorCode implements ErrorCodeSupplier {
  /** The engine's unix socket path below the base directory would exceed the kernel's limit. */
  SOCKET_PATH_TOO_LONG(0x0002_0000, ErrorCategory.INTERNAL, false),
  /** The service user cannot traverse the base directory or one of its parents. */
  BASE_DIRECTORY_NOT_TRAVERSABLE(0x0002_0001, ErrorCategory.INTERNAL, false),
  /** The service user does not exist and could not be created. */
  SERVICE_USER_UNAVAILABLE(0x0002_0002, ErrorCategory.INTERNAL, false),
  /** A host's metadata file is unreadable or inconsistent. */
  HOST_METADATA_INVALID(0x0002_0003, ErrorCategory.INTERNAL, false),
  /** The server process was still alive after SIGKILL; stopping again may succeed. */
  SERVER_DID_NOT_STOP(0x0002_0004, ErrorCategory.UNAVAILABLE, true);

  private final ErrorCode errorCode;

  LocalPlatformErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
