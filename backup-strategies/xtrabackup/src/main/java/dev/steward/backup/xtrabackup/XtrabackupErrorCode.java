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
package dev.steward.backup.xtrabackup;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/** The xtrabackup strategy's own error codes (range {@code 0x0008_4000} to {@code 0x0008_4FFF}). */
public enum XtrabackupErrorCode implements ErrorCodeSupplier {
  /** The tool environment names a distribution this strategy has no tools for. */
  UNKNOWN_DISTRIBUTION(0x0008_4001, ErrorCategory.BAD_REQUEST, false),
  /** An incremental backup's parent metadata has no {@code to_lsn} to continue from. */
  PARENT_WITHOUT_LSN(0x0008_4002, ErrorCategory.BAD_REQUEST, false),
  /** The tool finished but left no readable {@code xtrabackup_checkpoints}. */
  CHECKPOINTS_MISSING(0x0008_4003, ErrorCategory.INTERNAL, false),
  /** The tool stopped reading or writing before the stream's end. */
  STREAM_BROKEN(0x0008_4004, ErrorCategory.INTERNAL, false);

  private final ErrorCode errorCode;

  XtrabackupErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
