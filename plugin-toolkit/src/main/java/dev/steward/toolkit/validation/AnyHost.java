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
package dev.steward.toolkit.validation;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.UserRef;

/**
 * For engines whose users are not bound to client hosts (PostgreSQL, MongoDB, Redis, etcd): a user
 * reference must name the host {@code %}. Called by their user admins on every request.
 */
public final class AnyHost {
  private AnyHost() {}

  /** Fails with {@code INVALID_ARGUMENT} unless the user's host is {@code %}. */
  public static void require(UserRef user, String engine) {
    requireNonNull(user, "user is null");
    if (!UserRef.ANY_HOST.equals(user.host())) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          engine
              + " users are not host-qualified; the host must be '%', was "
              + Printable.of(user.host()));
    }
  }
}
