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
package dev.steward.server.identity;

import dev.steward.server.http.Route;
import java.util.List;

/**
 * Authenticates API requests. Called on a request thread for every request to a non-public route
 * with the value of {@code X-Auth-Token} (empty string when absent); implementations are
 * thread-safe and cache what is expensive. Failure is a {@code StewardException} with {@code
 * ServerErrorCode.UNAUTHORIZED} (401); the token never appears in a message or log.
 */
public interface IdentityProvider extends AutoCloseable {
  Principal authenticate(String token);

  /** Extra public routes this provider serves (the built-in Keystone-compatible token API). */
  default List<Route> routes() {
    return List.of();
  }

  @Override
  default void close() {}
}
