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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.steward.server.Metrics;
import dev.steward.server.identity.IdentityProvider;
import dev.steward.server.identity.Principal;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: reads the (size-limited) body, routes on the decoded path, authenticates
 * (token → principal; the token's project must be the path's tenant, admin routes need the admin
 * role), calls the route's handler, and writes JSON or Trove's fault document. Every failure is
 * answered with a coded fault; unexpected ones are 500 {@code instanceFault} with a generic message
 * and logged with a request id. Bodies and tokens are never logged.
 */
public final class HttpFront implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");

  private final Router router;
  private final IdentityProvider identity;
  private final Metrics metrics;
  private final int maxBodyBytes;
  private final Optional<String> publicUrl;

  public HttpFront(
      Router router,
      IdentityProvider identity,
      Metrics metrics,
      int maxBodyBytes,
      Optional<String> publicUrl) {
    this.router = requireNonNull(router, "router is null");
    this.identity = requireNonNull(identity, "identity is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.maxBodyBytes = maxBodyBytes;
    this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String method = exchange.getRequestMethod();
    // not a secret: a fast random id (UUID.randomUUID() serializes every request on SecureRandom)
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String requestId = "req-" + new UUID(random.nextLong(), random.nextLong());
    String routeLabel = "unmatched";
    Response response;
    try {
      List<String> segments = Paths.segments(exchange.getRequestURI().getRawPath());
      Optional<Router.Match> match = router.match(method, segments);
      if (match.isEmpty()) {
        throw new StewardException(
            ServerErrorCode.NO_SUCH_ROUTE, "The resource could not be found.");
      }
      Route route = match.get().route();
      routeLabel = route.template();
      Map<String, String> parameters = match.get().parameters();
      Optional<Principal> principal = Optional.empty();
      if (route.access() != Route.Access.PUBLIC) {
        principal = Optional.of(authorize(exchange, route, parameters.get("tenant_id")));
      }
      byte[] body = readBody(exchange);
      Request request =
          new Request(
              method,
              baseUrl(exchange),
              parameters,
              Paths.query(exchange.getRequestURI().getRawQuery()),
              body,
              principal);
      response = route.handler().handle(request);
    } catch (StewardException e) {
      response = Faults.response(e);
      if (response.status() >= 500 && response.status() != 501) {
        LOG.warn("{} {} {} failed: {}", requestId, method, routeLabel, e.toString());
      }
    } catch (RuntimeException e) {
      LOG.error("{} {} {} failed unexpectedly", requestId, method, routeLabel, e);
      response =
          Response.json(
              500,
              Faults.body(
                  500,
                  "Internal Server Error. Please keep this ID to help us figure out what went"
                      + " wrong: ("
                      + requestId
                      + ")."));
    }
    write(exchange, response, requestId);
    metrics.request(
        Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD").contains(method) ? method : "OTHER",
        routeLabel,
        response.status(),
        System.nanoTime() - start);
  }

  private Principal authorize(HttpExchange exchange, Route route, String tenant) {
    String token =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Auth-Token")).orElse("");
    Principal principal = identity.authenticate(token);
    if (tenant != null && !principal.mayAct(tenant)) {
      throw new StewardException(
          ServerErrorCode.FORBIDDEN,
          "User with tenant id "
              + principal.projectId().orElse("")
              + " cannot access this resource.");
    }
    if (route.access() == Route.Access.ADMIN && !principal.isAdmin()) {
      throw new StewardException(
          ServerErrorCode.FORBIDDEN, "This resource needs the " + Principal.ADMIN_ROLE + " role.");
    }
    if (tenant != null && !TENANT.matcher(tenant).matches()) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "A tenant id is 1 to 64 letters, digits, '-', '_' or '.'");
    }
    return principal;
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new StewardException(StandardErrorCode.INVALID_ARGUMENT, "Malformed Content-Length");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        if (out.size() > maxBodyBytes) {
          throw tooLarge();
        }
      }
      return out.toByteArray();
    }
  }

  private StewardException tooLarge() {
    return new StewardException(
        ServerErrorCode.BODY_TOO_LARGE,
        "The request body is larger than " + maxBodyBytes + " bytes");
  }

  private String baseUrl(HttpExchange exchange) {
    if (publicUrl.isPresent()) {
      return publicUrl.get();
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !HOST.matcher(host).matches()) {
      host =
          exchange.getLocalAddress().getAddress().getHostAddress()
              + ":"
              + exchange.getLocalAddress().getPort();
    }
    return "http://" + host;
  }

  private static void write(HttpExchange exchange, Response response, String requestId)
      throws IOException {
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.getResponseHeaders().set("X-Openstack-Request-Id", requestId);
    if (response.body().isEmpty()) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), -1);
      exchange.close();
      return;
    }
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(response.body().get());
    } catch (JsonProcessingException e) {
      throw new IOException("cannot write the response", e);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
