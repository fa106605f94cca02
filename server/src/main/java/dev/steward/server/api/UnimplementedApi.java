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
package dev.steward.server.api;

import dev.steward.server.http.Route;
import dev.steward.server.http.Route.Access;
import java.util.ArrayList;
import java.util.List;

/**
 * Trove routes whose feature Steward does not have yet: answered with 501 {@code notImplemented}
 * (after authentication), so that clients get a clear, Trove-shaped refusal instead of a 404.
 */
public final class UnimplementedApi {
  private UnimplementedApi() {}

  public static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    collection(routes, "backup_strategies", "Backup strategies");
    collection(routes, "configurations", "Configuration groups");
    collection(routes, "clusters", "Clusters");
    collection(routes, "modules", "Modules");
    return routes;
  }

  private static void collection(List<Route> routes, String name, String what) {
    String base = "/v1.0/{tenant_id}/" + name;
    for (String method : List.of("GET", "POST", "DELETE")) {
      routes.add(route(method, base, what));
    }
    for (String method : List.of("GET", "PUT", "PATCH", "DELETE", "POST")) {
      routes.add(route(method, base + "/{id}", what));
    }
    routes.add(route("GET", base + "/{id}/instances", what));
  }

  private static Route route(String method, String path, String what) {
    return new Route(
        method,
        path,
        Access.TENANT,
        501,
        what + " (not implemented yet)",
        request -> {
          throw ApiContext.notImplemented(what);
        });
  }
}
