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
package dev.steward.backup.mongodump;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/** The mongodump strategy's own error codes (range {@code 0x0008_5000} to {@code 0x0008_5FFF}). */
public enum MongodumpErrorCode implements ErrorCodeSupplier {
  /** The tool stopped reading or writing before the stream's end. */
  STREAM_BROKEN(0x0008_5000, ErrorCategory.INTERNAL, false),
  /** A tool environment value cannot be passed safely (a port that is not a number, …). */
  TOOL_ENVIRONMENT_INVALID(0x0008_5001, ErrorCategory.INTERNAL, false);

  private final ErrorCode errorCode;

  MongodumpErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
