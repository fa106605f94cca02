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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How Steward maps databases onto etcd, which has none: a database {@code <name>} is the key prefix
 * {@code /<name>/} plus the role {@code db:<name>}, which grants READWRITE on exactly that prefix
 * (the key range {@code [/<name>/, /<name>0)}). The role is the database's existence: an empty
 * database has no keys but has its role. Giving a user access to a database grants it the role.
 * etcd keys are bytes ordered bytewise, so a database's character set and collation are both {@code
 * binary}.
 */
final class KeySpace {
  static final String ROLE_PREFIX = "db:";
  static final String BINARY = "binary";

  private KeySpace() {}

  static String role(String database) {
    return ROLE_PREFIX + database;
  }

  /** The database a role stands for, or empty for other roles. */
  static Optional<String> database(String role) {
    if (role.startsWith(ROLE_PREFIX) && role.length() > ROLE_PREFIX.length()) {
      return Optional.of(role.substring(ROLE_PREFIX.length()));
    }
    return Optional.empty();
  }

  static byte[] prefix(String database) {
    return ("/" + database + "/").getBytes(StandardCharsets.UTF_8);
  }

  /** The first key after every key that starts with {@code prefix} (etcd's {@code range_end}). */
  static byte[] rangeEnd(byte[] prefix) {
    byte[] end = Arrays.copyOf(prefix, prefix.length);
    for (int index = end.length - 1; index >= 0; index--) {
      if (end[index] != (byte) 0xff) {
        end[index]++;
        return Arrays.copyOf(end, index + 1);
      }
    }
    // All 0xff: every key from the prefix on (etcd's "\0" means "to the end").
    return new byte[] {0};
  }

  /** The JSON body selecting every key of a database. */
  static Map<String, Object> range(String database) {
    byte[] prefix = prefix(database);
    return Map.of("key", base64(prefix), "range_end", base64(rangeEnd(prefix)));
  }

  /** The READWRITE permission of a database's role, as the gateway takes it. */
  static Map<String, Object> permission(String database) {
    byte[] prefix = prefix(database);
    return Map.of(
        "permType", "READWRITE", "key", base64(prefix), "range_end", base64(rangeEnd(prefix)));
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static String base64(String text) {
    return base64(text.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
