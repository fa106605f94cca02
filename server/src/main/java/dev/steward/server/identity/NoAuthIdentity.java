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

import java.util.Optional;
import java.util.Set;

/**
 * Development only ({@code server.identity=none}): every request is accepted, acting in the path's
 * tenant with the configured roles, whatever token it carries ({@code openstack --os-auth-type
 * none} sends {@code notused}). The server logs a warning at boot when this mode is on.
 */
public final class NoAuthIdentity implements IdentityProvider {
  private final Set<String> roles;

  public NoAuthIdentity(Set<String> roles) {
    this.roles = Set.copyOf(roles);
  }

  @Override
  public Principal authenticate(String token) {
    return new Principal("anonymous", "anonymous", Optional.empty(), roles);
  }
}
