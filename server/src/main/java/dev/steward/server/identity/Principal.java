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

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the user and the project the token is scoped to, with the project's roles.
 *
 * @param projectId the token's project; empty only in the development mode {@code none}, where the
 *     path's tenant is trusted
 */
public record Principal(
    String userId, String userName, Optional<String> projectId, Set<String> roles) {
  public static final String ADMIN_ROLE = "admin";

  public Principal {
    requireNonNull(userId, "userId is null");
    requireNonNull(userName, "userName is null");
    requireNonNull(projectId, "projectId is null");
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return roles.contains(ADMIN_ROLE);
  }

  /** True when this principal may act in {@code tenantId}. */
  public boolean mayAct(String tenantId) {
    return projectId.map(tenantId::equals).orElse(true);
  }
}
