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

/** Error codes shared by core and every plugin. Codes 0-65535 are reserved for this enum. */
public enum StandardErrorCode implements ErrorCodeSupplier {
  /** A request field is missing, malformed or out of range. */
  INVALID_ARGUMENT(1, ErrorCategory.BAD_REQUEST, false),
  /** A database, user or resource name violates the engine's naming rules. */
  INVALID_NAME(2, ErrorCategory.BAD_REQUEST, false),
  /** The named resource does not exist. */
  NOT_FOUND(3, ErrorCategory.NOT_FOUND, false),
  /** A resource with this name already exists (Trove answers 400 for this). */
  ALREADY_EXISTS(4, ErrorCategory.BAD_REQUEST, false),
  /** Another mutating operation holds the resource. */
  CONFLICT(5, ErrorCategory.CONFLICT, false),
  /** The resource's state does not allow the request. */
  INVALID_STATE(6, ErrorCategory.INVALID_STATE, false),
  /** The capability is not declared by this datastore version or platform. */
  NOT_SUPPORTED(7, ErrorCategory.NOT_SUPPORTED, false),
  /** A quota would be exceeded. */
  QUOTA_EXCEEDED(8, ErrorCategory.OVER_LIMIT, false),
  /** Configuration is invalid: unknown key, bad value, unknown plugin name. */
  CONFIGURATION_INVALID(9, ErrorCategory.BAD_REQUEST, false),
  /** An external command ran and failed (non-zero exit). */
  COMMAND_FAILED(10, ErrorCategory.INTERNAL, false),
  /** A command or wait did not finish in time. */
  TIMEOUT(11, ErrorCategory.UNAVAILABLE, true),
  /** The engine did not answer (connection refused, still starting). */
  ENGINE_UNAVAILABLE(12, ErrorCategory.UNAVAILABLE, true),
  /** An engine binary or tool is not installed where the platform runs the instance. */
  BINARY_NOT_FOUND(13, ErrorCategory.NOT_SUPPORTED, false),
  /** The platform has no capacity left (addresses, disk). */
  PLATFORM_CAPACITY(14, ErrorCategory.UNAVAILABLE, false),
  /** The platform failed to provision, start or destroy a host. */
  PLATFORM_FAILURE(15, ErrorCategory.INTERNAL, false),
  /** The state store failed; the same request may succeed later. */
  STORE_FAILURE(16, ErrorCategory.UNAVAILABLE, true),
  /** Encryption or decryption failed (wrong key, tampered data). */
  CRYPTO_FAILURE(17, ErrorCategory.INTERNAL, false),
  /** The engine rejected a statement. */
  ENGINE_ERROR(18, ErrorCategory.INTERNAL, false),
  /** An unexpected failure; a bug. */
  INTERNAL_ERROR(19, ErrorCategory.INTERNAL, false),
  /**
   * A backup's stored data is damaged: a chunk is missing, truncated or fails its SHA-256 or its
   * authentication tag, or the manifest is unreadable. A restore stops before the engine starts on
   * the data (physical) or before it sees a byte (logical).
   */
  BACKUP_CORRUPT(20, ErrorCategory.INTERNAL, false),
  /** The backup's data key cannot be unwrapped: another master key, or a damaged key header. */
  BACKUP_KEY_INVALID(21, ErrorCategory.INTERNAL, false),
  /**
   * The backup cannot serve this request: another datastore or version, not COMPLETED, a strategy
   * that is not enabled, or an incremental parent of another instance.
   */
  BACKUP_INCOMPATIBLE(22, ErrorCategory.BAD_REQUEST, false),
  /**
   * A plugin jar cannot be used: compiled against another SPI major ({@link SpiVersion}), or a
   * datastore whose declared capabilities and optional interfaces disagree. Refused at boot; the
   * message names the jar.
   */
  PLUGIN_INCOMPATIBLE(23, ErrorCategory.INTERNAL, false);

  private final ErrorCode errorCode;

  StandardErrorCode(int code, ErrorCategory category, boolean retryable) {
    this.errorCode = new ErrorCode(code, name(), category, retryable);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }
}
