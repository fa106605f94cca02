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
package org.example.steward.etcd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for etcd's gateway, so that the plugin needs no library: {@link #write} turns
 * maps, lists, strings, booleans and numbers into text; {@link #parse} turns text into {@code
 * Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Boolean}, {@code Double} or
 * {@link #NULL}. Malformed input fails with {@link IllegalArgumentException} (the caller turns it
 * into a coded error); messages never quote the input, which may hold a token.
 */
final class Json {
  /** JSON's {@code null} (maps cannot hold Java nulls). */
  static final Object NULL = new Object();

  private static final int MAX_DEPTH = 64;

  private final String text;
  private int position;

  private Json(String text) {
    this.text = text;
  }

  /** Parses one JSON value that spans the whole text. */
  static Object parse(String text) {
    Json parser = new Json(text);
    parser.skipWhitespace();
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (parser.position != text.length()) {
      throw parser.malformed("trailing characters");
    }
    return value;
  }

  /** Parses a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("JSON text is not an object");
    }
    return (Map<String, Object>) value;
  }

  /** Writes a value: {@code Map} (string keys), {@code List}, {@code String}, number, boolean. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case String string -> writeString(string, out);
      case Boolean bool -> out.append(bool);
      case Integer number -> out.append(number);
      case Long number -> out.append(number);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          writeString((String) entry.getKey(), out);
          out.append(':');
          write(entry.getValue(), out);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int index = 0; index < list.size(); index++) {
          if (index > 0) {
            out.append(',');
          }
          write(list.get(index), out);
        }
        out.append(']');
      }
      default -> throw new IllegalArgumentException("cannot write " + value.getClass().getName());
    }
  }

  private static void writeString(String string, StringBuilder out) {
    out.append('"');
    for (int index = 0; index < string.length(); index++) {
      char c = string.charAt(index);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("nested too deeply");
    }
    if (position >= text.length()) {
      throw malformed("unexpected end");
    }
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> number();
    };
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> result = new LinkedHashMap<>();
    position++;
    skipWhitespace();
    if (peek('}')) {
      position++;
      return Collections.unmodifiableMap(result);
    }
    while (true) {
      skipWhitespace();
      if (!peek('"')) {
        throw malformed("expected a member name");
      }
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      result.put(name, value(depth + 1));
      skipWhitespace();
      if (peek(',')) {
        position++;
      } else {
        expect('}');
        return Collections.unmodifiableMap(result);
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> result = new ArrayList<>();
    position++;
    skipWhitespace();
    if (peek(']')) {
      position++;
      return List.copyOf(result);
    }
    while (true) {
      skipWhitespace();
      result.add(value(depth + 1));
      skipWhitespace();
      if (peek(',')) {
        position++;
      } else {
        expect(']');
        return Collections.unmodifiableList(result);
      }
    }
  }

  private String string() {
    position++;
    StringBuilder result = new StringBuilder();
    while (true) {
      if (position >= text.length()) {
        throw malformed("unterminated string");
      }
      char c = text.charAt(position++);
      if (c == '"') {
        return result.toString();
      }
      if (c < 0x20) {
        throw malformed("control character in string");
      }
      if (c != '\\') {
        result.append(c);
        continue;
      }
      if (position >= text.length()) {
        throw malformed("unterminated escape");
      }
      char escaped = text.charAt(position++);
      switch (escaped) {
        case '"', '\\', '/' -> result.append(escaped);
        case 'b' -> result.append('\b');
        case 'f' -> result.append('\f');
        case 'n' -> result.append('\n');
        case 'r' -> result.append('\r');
        case 't' -> result.append('\t');
        case 'u' -> {
          if (position + 4 > text.length()) {
            throw malformed("short unicode escape");
          }
          try {
            result.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          } catch (NumberFormatException e) {
            throw malformed("bad unicode escape");
          }
          position += 4;
        }
        default -> throw malformed("bad escape");
      }
    }
  }

  private Object number() {
    int start = position;
    while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    if (start == position) {
      throw malformed("unexpected character");
    }
    try {
      return Double.parseDouble(text.substring(start, position));
    } catch (NumberFormatException e) {
      throw malformed("bad number");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, position)) {
      throw malformed("unexpected character");
    }
    position += word.length();
    return value;
  }

  private boolean peek(char c) {
    return position < text.length() && text.charAt(position) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw malformed("expected '" + c + "'");
    }
    position++;
  }

  private void skipWhitespace() {
    while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
  }

  private IllegalArgumentException malformed(String problem) {
    return new IllegalArgumentException("malformed JSON at offset " + position + ": " + problem);
  }
}
