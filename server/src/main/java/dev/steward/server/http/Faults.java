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

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;

/**
 * Turns a {@link StewardException} into Trove's fault document {@code {"badRequest": {"code": 400,
 * "message": "..."}}}: the status comes from the code's category (or the server code's own status),
 * the wrapper name from the status, as Trove's {@code wsgi.Fault} names them.
 */
public final class Faults {
  private Faults() {}

  /** The HTTP status for this error. */
  public static int status(StewardException e) {
    ErrorCode code = e.errorCode();
    if (code.equals(StandardErrorCode.BACKUP_CORRUPT.toErrorCode())
        || code.equals(StandardErrorCode.BACKUP_KEY_INVALID.toErrorCode())) {
      // Trove's RestoreBackupIntegrityError: the backup exists but cannot be read back
      return 409;
    }
    return ServerErrorCode.of(code)
        .map(ServerErrorCode::httpStatus)
        .orElse(code.category().httpStatus());
  }

  /** Trove's fault name for an HTTP status. */
  public static String name(int status) {
    return switch (status) {
      case 400 -> "badRequest";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "itemNotFound";
      case 405 -> "badMethod";
      case 409 -> "conflict";
      case 413 -> "overLimit";
      case 415 -> "badMediaType";
      case 422 -> "unprocessableEntity";
      case 501 -> "notImplemented";
      case 503 -> "serviceUnavailable";
      default -> "instanceFault";
    };
  }

  /** The fault document. */
  public static ObjectNode body(int status, String message) {
    ObjectNode fault = JsonNodeFactory.instance.objectNode();
    fault.putObject(name(status)).put("code", status).put("message", message);
    return fault;
  }

  /** The response for an error. */
  public static Response response(StewardException e) {
    int status = status(e);
    return Response.json(status, body(status, e.getMessage()));
  }
}
