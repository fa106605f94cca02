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

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler answers: a status, an optional JSON body and extra headers.
 *
 * @param body absent for Trove's empty 202/204 answers
 */
public record Response(int status, Optional<JsonNode> body, Map<String, String> headers) {
  public Response {
    requireNonNull(body, "body is null");
    headers = Map.copyOf(headers);
  }

  public static Response json(int status, JsonNode body) {
    return new Response(status, Optional.of(body), Map.of());
  }

  public static Response ok(JsonNode body) {
    return json(200, body);
  }

  /** 202 Accepted with no body (Trove's asynchronous mutations). */
  public static Response accepted() {
    return new Response(202, Optional.empty(), Map.of());
  }

  public static Response noContent() {
    return new Response(204, Optional.empty(), Map.of());
  }

  public Response withHeader(String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return new Response(status, body, more);
  }
}
