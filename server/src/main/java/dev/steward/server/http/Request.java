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
package dev.steward.server.http;

import static java.util.Objects.requireNonNull;

import dev.steward.server.identity.Principal;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.Map;
import java.util.Optional;

/**
 * One API request after routing and authentication.
 *
 * @param baseUrl scheme and authority the client used ({@code http://host:port}), for links
 * @param path decoded path parameters by template name ({@code tenant_id}, {@code id}, ...)
 * @param query decoded query parameters (first value of each)
 * @param body the raw body (empty when none), already size-checked
 * @param principal who is calling; empty on unauthenticated routes
 */
public record Request(
    String method,
    String baseUrl,
    Map<String, String> path,
    Map<String, String> query,
    byte[] body,
    Optional<Principal> principal) {
  public Request {
    requireNonNull(method, "method is null");
    requireNonNull(baseUrl, "baseUrl is null");
    path = Map.copyOf(path);
    query = Map.copyOf(query);
    requireNonNull(body, "body is null");
    requireNonNull(principal, "principal is null");
  }

  /** A path parameter (always present once routed). */
  public String param(String name) {
    String value = path.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return value;
  }

  public String tenant() {
    return param("tenant_id");
  }

  public Optional<String> queryParam(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** The JSON body as a validated object. */
  public Body json() {
    return Body.parse(body);
  }

  /** Page size from {@code limit} (default {@code defaultLimit}, 1 to 1000). */
  public int limit(int defaultLimit) {
    Optional<String> limit = queryParam("limit");
    if (limit.isEmpty()) {
      return defaultLimit;
    }
    try {
      int value = Integer.parseInt(limit.get());
      if (value >= 1 && value <= 1000) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new StewardException(
        StandardErrorCode.INVALID_ARGUMENT, "limit must be an integer from 1 to 1000");
  }

  /** The tenant's base URL for links ({@code http://host:port/v1.0/tenant}). */
  public String tenantUrl() {
    return baseUrl + "/v1.0/" + Paths.encode(tenant());
  }
}
