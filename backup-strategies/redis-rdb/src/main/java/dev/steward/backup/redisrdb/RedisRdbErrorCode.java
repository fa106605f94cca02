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
package dev.steward.backup.redisrdb;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/**
 * The redis-rdb strategy's own error codes (range {@code 0x0008_2000} to {@code 0x0008_2FFF}). A
 * failing tool is {@link dev.steward.spi.StandardErrorCode#COMMAND_FAILED} with its message.
 */
public enum RedisRdbErrorCode implements ErrorCodeSupplier {
  /**
   * A stream that is not an RDB file: no {@code REDIS<version>} header, or (when backing up) no RDB
   * end (EOF opcode and checksum) at its end.
   */
  RDB_INVALID(0x0008_2000, ErrorCategory.INTERNAL, false);

  private final ErrorCode errorCode;

  RedisRdbErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
