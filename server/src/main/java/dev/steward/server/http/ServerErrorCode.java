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
package dev.steward.server.http;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import java.util.Optional;

/**
 * Error codes of the reference server's HTTP layer, in its own range 0xA_0000 (plugins own 0x1_0000
 * to 0x9_0000); each one names the HTTP status it answers with where the category's own status is
 * not the right one (401, 405, 413, 415).
 */
public enum ServerErrorCode implements ErrorCodeSupplier {
  /** No token, or a token that is unknown, expired or malformed. */
  UNAUTHORIZED(0xA_0001, ErrorCategory.FORBIDDEN, 401),
  /** The token's project is not the path's tenant, or a management route without admin role. */
  FORBIDDEN(0xA_0002, ErrorCategory.FORBIDDEN, 403),
  /** The path exists but not with this method. */
  BAD_METHOD(0xA_0003, ErrorCategory.BAD_REQUEST, 405),
  /** The request body is larger than {@code server.max-body-bytes}. */
  BODY_TOO_LARGE(0xA_0004, ErrorCategory.OVER_LIMIT, 413),
  /** A body that is not JSON where JSON is required. */
  BAD_MEDIA_TYPE(0xA_0005, ErrorCategory.BAD_REQUEST, 415),
  /** A recognised Trove route or field whose feature does not exist in Steward yet. */
  NOT_IMPLEMENTED(0xA_0006, ErrorCategory.NOT_SUPPORTED, 501),
  /** No such route. */
  NO_SUCH_ROUTE(0xA_0007, ErrorCategory.NOT_FOUND, 404);

  private final ErrorCode errorCode;
  private final int httpStatus;

  ServerErrorCode(int code, ErrorCategory category, int httpStatus) {
    this.errorCode = new ErrorCode(code, name(), category, false);
    this.httpStatus = httpStatus;
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }

  /** The HTTP status this code answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The server code carrying {@code code}, if it is one of these. */
  static Optional<ServerErrorCode> of(ErrorCode code) {
    for (ServerErrorCode candidate : values()) {
      if (candidate.errorCode.equals(code)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
