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
package dev.steward.spi;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type of Steward and its plugins. It always carries an {@link ErrorCode}; its
 * message is for humans and must never contain a secret.
 */
public final class StewardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode errorCode;

  public StewardException(ErrorCodeSupplier errorCode, String message) {
    this(errorCode, message, null);
  }

  public StewardException(ErrorCodeSupplier errorCode, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.errorCode = requireNonNull(errorCode, "errorCode is null").toErrorCode();
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public boolean isRetryable() {
    return errorCode.retryable();
  }

  /** True when this exception carries the given code. */
  public boolean is(ErrorCodeSupplier code) {
    return errorCode.equals(code.toErrorCode());
  }

  @Override
  public String toString() {
    return "StewardException[" + errorCode.name() + "]: " + getMessage();
  }
}
