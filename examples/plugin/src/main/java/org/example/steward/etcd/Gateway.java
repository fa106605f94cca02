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
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * etcd's v3 JSON gateway ({@code POST http://<address>:2379/v3/...}) over the JDK's HTTP client:
 * the only way this plugin talks to a server, so that passwords travel in request bodies and never
 * on a command line. Thread-safe; one per datastore. Failures to reach the server are retryable
 * {@code ENGINE_UNAVAILABLE} or {@code TIMEOUT}; answers, including etcd's errors, are {@link
 * Reply}s for the caller to judge.
 */
final class Gateway {
  /** etcd's standard client port. */
  static final int CLIENT_PORT = 2379;

  /** etcd's standard peer port (bound on the instance's address, used by no one else). */
  static final int PEER_PORT = 2380;

  private final HttpClient client;
  private final Duration requestTimeout;

  Gateway(Duration requestTimeout) {
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
    // HTTP/1.1: the default would offer an h2c upgrade, which etcd's gateway does not speak.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(requestTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The client URL of a server listening at {@code address}. */
  static String clientUrl(InetAddress address) {
    return "http://" + hostLiteral(address) + ":" + CLIENT_PORT;
  }

  /** The peer URL of a server listening at {@code address}. */
  static String peerUrl(InetAddress address) {
    return "http://" + hostLiteral(address) + ":" + PEER_PORT;
  }

  /** POSTs a JSON body to {@code /v3/<path>}, with an auth token when given. */
  Reply post(InetAddress address, Optional<String> token, String path, Map<String, Object> body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(clientUrl(address) + "/v3/" + path))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
    token.ifPresent(value -> request.header("Authorization", value));
    return exchange(request.build(), path);
  }

  /** Whether {@code GET /health} answers {@code {"health":"true"}} (a read through raft). */
  boolean healthy(InetAddress address) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(clientUrl(address) + "/health"))
            .timeout(requestTimeout)
            .GET()
            .build();
    try {
      Reply reply = exchange(request, "health");
      return reply.succeeded() && reply.string("health").filter("true"::equals).isPresent();
    } catch (StewardException e) {
      if (e.isRetryable()) {
        return false;
      }
      throw e;
    }
  }

  private Reply exchange(HttpRequest request, String what) {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new StewardException(
          StandardErrorCode.TIMEOUT,
          "etcd did not answer " + what + " within " + requestTimeout,
          e);
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.ENGINE_UNAVAILABLE,
          "etcd is not reachable at " + request.uri().getHost() + " (" + what + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StewardException(
          StandardErrorCode.ENGINE_UNAVAILABLE, "Interrupted while calling etcd (" + what + ")", e);
    }
    Map<String, Object> body;
    try {
      body = Json.parseObject(response.body());
    } catch (IllegalArgumentException e) {
      if (response.statusCode() / 100 != 2) {
        // The gateway answers unknown paths with plain text ("Not Found").
        return new Reply(response.statusCode(), Map.of());
      }
      throw new StewardException(
          EtcdErrorCode.RESPONSE_INVALID,
          "etcd answered " + what + " with invalid JSON: " + e.getMessage());
    }
    return new Reply(response.statusCode(), body);
  }

  private static String hostLiteral(InetAddress address) {
    String host = address.getHostAddress();
    return address instanceof Inet6Address ? "[" + host + "]" : host;
  }
}
