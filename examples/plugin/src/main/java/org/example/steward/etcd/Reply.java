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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One answer of etcd's gateway: the HTTP status and the JSON body. A failed request carries {@code
 * error} (etcd's error text, such as {@code etcdserver: user name not found}) and {@code code} (the
 * gRPC status code). etcd's own client identifies errors by exactly these texts ({@code
 * rpctypes.ErrorDesc}); so does this plugin, through the constants below.
 */
record Reply(int httpStatus, Map<String, Object> body) {
  static final String USER_ALREADY_EXISTS = "etcdserver: user name already exists";
  static final String USER_NOT_FOUND = "etcdserver: user name not found";
  static final String USER_EMPTY = "etcdserver: user name is empty";
  static final String ROLE_ALREADY_EXISTS = "etcdserver: role name already exists";
  static final String ROLE_NOT_FOUND = "etcdserver: role name not found";
  static final String ROLE_NOT_GRANTED = "etcdserver: role is not granted to the user";
  static final String AUTHENTICATION_FAILED =
      "etcdserver: authentication failed, invalid user ID or password";
  static final String PERMISSION_DENIED = "etcdserver: permission denied";
  static final String INVALID_AUTH_TOKEN = "etcdserver: invalid auth token";

  /** gRPC codes for "try again": DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE. */
  private static final List<Integer> RETRYABLE_CODES = List.of(4, 8, 14);

  Reply {
    body = Map.copyOf(requireNonNull(body, "body is null"));
  }

  /** etcd's error text, or empty on success. */
  Optional<String> error() {
    Object error = body.get("error");
    if (error instanceof String text) {
      return Optional.of(text);
    }
    if (httpStatus / 100 != 2) {
      return Optional.of("HTTP status " + httpStatus);
    }
    return Optional.empty();
  }

  boolean succeeded() {
    return error().isEmpty();
  }

  boolean failedWith(String etcdError) {
    return error().filter(etcdError::equals).isPresent();
  }

  /** The gRPC status code of a failure (2, UNKNOWN, when absent). */
  int grpcCode() {
    return body.get("code") instanceof Double code ? code.intValue() : 2;
  }

  /** A string member, or empty. */
  Optional<String> string(String name) {
    return body.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
  }

  /** A list of strings ({@code users}, {@code roles}); absent means empty (proto3 JSON). */
  List<String> strings(String name) {
    Object value = body.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(name + " is not a list");
    }
    return list.stream()
        .map(item -> {
          if (!(item instanceof String text)) {
            throw invalid(name + " holds a non-string");
          }
          return text;
        })
        .toList();
  }

  /** A list of objects ({@code kvs}, {@code perm}, {@code members}); absent means empty. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> objects(String name) {
    Object value = body.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
      throw invalid(name + " is not a list of objects");
    }
    return (List<Map<String, Object>>) list;
  }

  /** An int64 member (proto3 JSON writes them as strings); absent means zero. */
  long int64(String name) {
    Object value = body.get(name);
    if (value == null) {
      return 0;
    }
    try {
      return switch (value) {
        case String text -> Long.parseLong(text);
        case Double number -> number.longValue();
        default -> throw invalid(name + " is not a number");
      };
    } catch (NumberFormatException e) {
      throw invalid(name + " is not a number");
    }
  }

  /**
   * Returns this reply when it succeeded, else throws a coded exception naming {@code action} and
   * etcd's error text (never a request body, which may hold a password).
   */
  Reply require(String action) {
    Optional<String> error = error();
    if (error.isEmpty()) {
      return this;
    }
    String message = action + " failed: " + error.get();
    if (failedWith(USER_NOT_FOUND) || failedWith(ROLE_NOT_FOUND)) {
      throw new StewardException(StandardErrorCode.NOT_FOUND, message);
    }
    if (failedWith(AUTHENTICATION_FAILED)) {
      throw new StewardException(EtcdErrorCode.ADMIN_AUTHENTICATION_FAILED, message);
    }
    if (RETRYABLE_CODES.contains(grpcCode()) || httpStatus == 503) {
      throw new StewardException(StandardErrorCode.ENGINE_UNAVAILABLE, message);
    }
    throw new StewardException(EtcdErrorCode.REQUEST_FAILED, message);
  }

  private static StewardException invalid(String problem) {
    return new StewardException(
        EtcdErrorCode.RESPONSE_INVALID, "etcd's reply is not as documented: " + problem);
  }
}
