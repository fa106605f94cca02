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

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object of a request body, read strictly: unknown keys, wrong types and duplicate keys are
 * 400 errors that name the offending key by its path ({@code instance.volume.size}), never echoing
 * the value (bodies carry passwords).
 */
public final class Body {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final ObjectNode node;
  private final String where;

  private Body(ObjectNode node, String where) {
    this.node = requireNonNull(node, "node is null");
    this.where = requireNonNull(where, "where is null");
  }

  /** Parses a request body that must be one JSON object. */
  public static Body parse(byte[] bytes) {
    if (bytes.length == 0) {
      throw invalid("A JSON request body is required");
    }
    JsonNode parsed;
    try {
      parsed = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      String location =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw invalid("Malformed JSON in the request body" + location);
    } catch (IOException e) {
      throw invalid("Unreadable request body");
    }
    if (parsed == null || !parsed.isObject()) {
      throw invalid("The request body must be a JSON object");
    }
    return new Body((ObjectNode) parsed, "");
  }

  /** Refuses keys other than {@code allowed}. */
  public Body only(String... allowed) {
    Set<String> known = Set.of(allowed);
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw invalid(
            "Unknown key '"
                + printable(name)
                + "'"
                + (where.isEmpty() ? "" : " in " + where)
                + "; allowed: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
    return this;
  }

  public boolean has(String key) {
    return node.has(key);
  }

  /** True when the key is present with a non-null value. */
  public boolean present(String key) {
    return node.hasNonNull(key);
  }

  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public Body object(String key) {
    return optionalObject(key).orElseThrow(() -> invalid(path(key) + " is required"));
  }

  public Optional<Body> optionalObject(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw invalid(path(key) + " must be an object");
    }
    return Optional.of(new Body((ObjectNode) value, path(key)));
  }

  public String string(String key) {
    return optionalString(key).orElseThrow(() -> invalid(path(key) + " is required"));
  }

  public Optional<String> optionalString(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid(path(key) + " must be a string");
    }
    return Optional.of(value.textValue());
  }

  /** A string, or an integer given as a JSON number (Trove's {@code flavorRef}). */
  public Optional<String> optionalId(String key) {
    JsonNode value = node.get(key);
    if (value != null && value.isIntegralNumber()) {
      return Optional.of(value.asText());
    }
    return optionalString(key);
  }

  /** An integer, given as a JSON integer or a string of digits (as Trove's schema allows). */
  public Optional<Integer> optionalInteger(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return Optional.of(value.intValue());
    }
    if (value.isTextual() && value.textValue().matches("-?[0-9]{1,9}")) {
      return Optional.of(Integer.parseInt(value.textValue()));
    }
    throw invalid(path(key) + " must be an integer");
  }

  public Optional<Boolean> optionalBoolean(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw invalid(path(key) + " must be true or false");
    }
    return Optional.of(value.booleanValue());
  }

  /** An array of objects; empty when absent or null. */
  public List<Body> objects(String key) {
    JsonNode value = node.get(key);
    List<Body> result = new ArrayList<>();
    if (value == null || value.isNull()) {
      return result;
    }
    if (!value.isArray()) {
      throw invalid(path(key) + " must be a list");
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isObject()) {
        throw invalid(path(key) + "[" + i + "] must be an object");
      }
      result.add(new Body((ObjectNode) item, path(key) + "[" + i + "]"));
    }
    return result;
  }

  private String path(String key) {
    return where.isEmpty() ? key : where + "." + key;
  }

  private static String printable(String name) {
    String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  static StewardException invalid(String message) {
    return new StewardException(StandardErrorCode.INVALID_ARGUMENT, message);
  }
}
