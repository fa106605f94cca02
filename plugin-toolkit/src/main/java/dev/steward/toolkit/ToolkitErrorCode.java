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
package dev.steward.toolkit;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;

/**
 * The plugin toolkit's own error codes (range {@code 0x0009_0000} to {@code 0x0009_FFFF}), thrown
 * by toolkit helpers on behalf of whichever plugin calls them.
 */
public enum ToolkitErrorCode implements ErrorCodeSupplier {
  /**
   * A secret cannot be written into a MySQL-family option file (a double quote, a line break or a
   * NUL): the option-file parser has no escape for them.
   */
  OPTION_VALUE_NOT_ENCODABLE(0x0009_0000, ErrorCategory.BAD_REQUEST, false);

  private final ErrorCode errorCode;

  ToolkitErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
