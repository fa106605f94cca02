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
package dev.steward.backup.pgdump;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/**
 * The pg_dump strategy's own error codes (range {@code 0x0008_0000} to {@code 0x0008_0FFF}). A
 * failing tool is {@link dev.steward.spi.StandardErrorCode#COMMAND_FAILED} with its message.
 */
public enum PgDumpErrorCode implements ErrorCodeSupplier {
  /**
   * The restore stream is not a well-formed dump archive (see {@link DumpArchive}): wrong magic or
   * version, a truncated frame, a bad field, or a database count that does not match.
   */
  ARCHIVE_INVALID(0x0008_0000, ErrorCategory.INTERNAL, false),
  /** The database list the server gave could not be parsed. */
  DATABASE_LIST_INVALID(0x0008_0001, ErrorCategory.INTERNAL, false);

  private final ErrorCode errorCode;

  PgDumpErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
