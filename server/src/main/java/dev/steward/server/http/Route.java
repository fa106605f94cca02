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

import java.util.List;

/**
 * One route of the API: method, path template ({@code /v1.0/{tenant_id}/instances/{id}}), handler,
 * and what the OpenAPI document says about it.
 *
 * @param access who may call it
 * @param status the success status (documented)
 * @param summary one line for the OpenAPI document
 */
public record Route(
    String method, String template, Access access, int status, String summary, Handler handler) {
  public Route {
    requireNonNull(method, "method is null");
    requireNonNull(template, "template is null");
    requireNonNull(access, "access is null");
    requireNonNull(summary, "summary is null");
    requireNonNull(handler, "handler is null");
  }

  /** Who may call a route. */
  public enum Access {
    /** Anyone (versions, token issuing, metrics). */
    PUBLIC,
    /** A token whose project is the path's tenant. */
    TENANT,
    /** Like TENANT, and the token carries the admin role. */
    ADMIN
  }

  /** Handles a routed request. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request);
  }

  /** The template's segments. */
  public List<String> segments() {
    return Paths.segments(template);
  }
}
