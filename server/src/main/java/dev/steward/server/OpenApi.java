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
package dev.steward.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.server.http.Faults;
import dev.steward.server.http.Route;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAPI 3 document of the served API, generated from the route table itself, so that it lists
 * exactly what the server answers (paths, methods, path parameters, success status, who may call,
 * and the Trove fault shape of every error).
 */
public final class OpenApi {
  private OpenApi() {}

  public static ObjectNode document(List<Route> routes) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode doc = json.objectNode().put("openapi", "3.0.3");
    doc.putObject("info")
        .put("title", "Steward reference server (OpenStack Trove v1.0 API)")
        .put("version", "1.0");
    ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
    schemes
        .putObject("token")
        .put("type", "apiKey")
        .put("in", "header")
        .put("name", "X-Auth-Token");
    ObjectNode fault = ((ObjectNode) doc.get("components")).putObject("schemas").putObject("Fault");
    fault
        .put("type", "object")
        .put("description", "{\"<faultName>\": {\"code\": <status>, \"message\": \"...\"}}");
    fault
        .putObject("additionalProperties")
        .put("type", "object")
        .putObject("properties")
        .set("code", json.objectNode().put("type", "integer"));
    ((ObjectNode) fault.get("additionalProperties").get("properties"))
        .set("message", json.objectNode().put("type", "string"));
    ObjectNode paths = doc.putObject("paths");
    for (Route route : routes) {
      ObjectNode path =
          paths.has(route.template())
              ? (ObjectNode) paths.get(route.template())
              : paths.putObject(route.template());
      ObjectNode operation = path.putObject(route.method().toLowerCase(Locale.ROOT));
      operation.put("summary", route.summary());
      if (route.access() == Route.Access.ADMIN) {
        operation.put("description", "Needs a token with the admin role.");
      }
      ArrayNode parameters = operation.putArray("parameters");
      for (String segment : route.segments()) {
        if (segment.startsWith("{")) {
          parameters
              .addObject()
              .put("name", segment.substring(1, segment.length() - 1))
              .put("in", "path")
              .put("required", true)
              .putObject("schema")
              .put("type", "string");
        }
      }
      if (route.access() != Route.Access.PUBLIC) {
        operation.putArray("security").addObject().putArray("token");
      }
      ObjectNode responses = operation.putObject("responses");
      responses
          .putObject(Integer.toString(route.status()))
          .put("description", route.status() == 501 ? "notImplemented" : "success");
      ObjectNode error =
          responses
              .putObject("default")
              .put(
                  "description",
                  "A Trove fault (" + Faults.name(400) + ", " + Faults.name(404) + ", ...)");
      error
          .putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", "#/components/schemas/Fault");
    }
    return doc;
  }
}
