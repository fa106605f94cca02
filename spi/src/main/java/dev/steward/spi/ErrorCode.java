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
 * A unique, stable identity for one kind of failure.
 *
 * @param code a number unique across all plugins (core checks at boot); core uses 0-65535, each
 *     plugin picks its own range of 65536 codes
 * @param name a stable upper-case name such as {@code INVALID_NAME}
 * @param category what kind of failure this is
 * @param retryable whether repeating the same step later may succeed; the operation engine retries
 *     retryable failures with back-off and compensates on the others
 */
public record ErrorCode(int code, String name, ErrorCategory category, boolean retryable) {
  public ErrorCode {
    requireNonNull(name, "name is null");
    requireNonNull(category, "category is null");
    if (code < 0) {
      throw new IllegalArgumentException("code is negative");
    }
  }
}
