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

import dev.steward.spi.StewardException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches decoded path segments against route templates; literal segments win over parameters by
 * registration order (register {@code instances/detail} before {@code instances/{id}}).
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();
  private final List<List<String>> templates = new ArrayList<>();

  public Router add(Route route) {
    routes.add(route);
    templates.add(route.segments());
    return this;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** A matched route with its path parameters. */
  public record Match(Route route, Map<String, String> parameters) {}

  /**
   * The route for {@code method} and the path's segments; empty when no template matches; a
   * BAD_METHOD error when templates match with other methods only.
   */
  public Optional<Match> match(String method, List<String> segments) {
    boolean pathMatched = false;
    for (int i = 0; i < routes.size(); i++) {
      Map<String, String> parameters = bind(templates.get(i), segments);
      if (parameters == null) {
        continue;
      }
      if (routes.get(i).method().equals(method)) {
        return Optional.of(new Match(routes.get(i), parameters));
      }
      pathMatched = true;
    }
    if (pathMatched) {
      throw new StewardException(
          ServerErrorCode.BAD_METHOD, "Method " + method + " is not allowed on this resource");
    }
    return Optional.empty();
  }

  private static Map<String, String> bind(List<String> template, List<String> segments) {
    if (template.size() != segments.size()) {
      return null;
    }
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String part = template.get(i);
      if (part.startsWith("{") && part.endsWith("}")) {
        parameters.put(part.substring(1, part.length() - 1), segments.get(i));
      } else if (!part.equals(segments.get(i))) {
        return null;
      }
    }
    return parameters;
  }
}
