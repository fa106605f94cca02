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
package dev.steward.server.identity;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.server.http.ServerErrorCode;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates {@code X-Auth-Token} against a real Keystone v3 ({@code GET /v3/auth/tokens} with this
 * service's own token in {@code X-Auth-Token} and the user's in {@code X-Subject-Token}) and takes
 * the project and roles from its answer. Valid tokens are cached (by SHA-256 digest) until the
 * earlier of their expiry and {@code cacheTtl}; refusals are not cached. The service token is
 * obtained with the configured service user's password and renewed when Keystone refuses it.
 */
public final class KeystoneIdentity implements IdentityProvider {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

  private final URI tokensUri;
  private final String serviceUser;
  private final Secret servicePassword;
  private final String serviceProject;
  private final String domain;
  private final Duration cacheTtl;
  private final Clock clock;
  private final HttpClient http;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private volatile String serviceToken;

  private record Cached(Principal principal, Instant until) {}

  public KeystoneIdentity(
      URI keystoneUrl,
      String serviceUser,
      Secret servicePassword,
      String serviceProject,
      String domain,
      Duration cacheTtl,
      Clock clock) {
    String base = keystoneUrl.toString().replaceAll("/+$", "");
    if (!base.endsWith("/v3")) {
      base = base + "/v3";
    }
    this.tokensUri = URI.create(base + "/auth/tokens");
    this.serviceUser = requireNonNull(serviceUser, "serviceUser is null");
    this.servicePassword = requireNonNull(servicePassword, "servicePassword is null");
    this.serviceProject = requireNonNull(serviceProject, "serviceProject is null");
    this.domain = requireNonNull(domain, "domain is null");
    this.cacheTtl = requireNonNull(cacheTtl, "cacheTtl is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public Principal authenticate(String token) {
    if (token.isEmpty() || token.length() > 8192 || !TOKEN.matcher(token).matches()) {
      throw unauthorized();
    }
    String digest = PasswordHash.digest(token);
    Instant now = clock.instant();
    Cached cached = cache.get(digest);
    if (cached != null && cached.until().isAfter(now)) {
      return cached.principal();
    }
    HttpResponse<String> response = validate(token, false);
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      response = validate(token, true);
    }
    if (response.statusCode() == 404 || response.statusCode() == 401) {
      cache.remove(digest);
      throw unauthorized();
    }
    if (response.statusCode() != 200) {
      throw new StewardException(
          StandardErrorCode.ENGINE_UNAVAILABLE,
          "Keystone answered " + response.statusCode() + " when validating a token");
    }
    JsonNode body = parse(response.body()).path("token");
    String projectId = body.path("project").path("id").asText("");
    if (projectId.isEmpty()) {
      throw new StewardException(
          ServerErrorCode.UNAUTHORIZED, "The token is not scoped to a project");
    }
    Set<String> roles = new HashSet<>();
    body.path("roles").forEach(role -> roles.add(role.path("name").asText()));
    Principal principal =
        new Principal(
            body.path("user").path("id").asText(),
            body.path("user").path("name").asText(),
            Optional.of(projectId),
            roles);
    Instant until = now.plus(cacheTtl);
    String expires = body.path("expires_at").asText("");
    if (!expires.isEmpty()) {
      Instant expiry = Instant.parse(expires);
      if (expiry.isBefore(until)) {
        until = expiry;
      }
    }
    if (cache.size() > 100_000) {
      cache.clear();
    }
    cache.put(digest, new Cached(principal, until));
    return principal;
  }

  private HttpResponse<String> validate(String token, boolean renew) {
    String service = renew || serviceToken == null ? serviceToken() : serviceToken;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tokensUri + "?nocatalog"))
            .timeout(Duration.ofSeconds(10))
            .header("X-Auth-Token", service)
            .header("X-Subject-Token", token)
            .header("Accept", "application/json")
            .GET()
            .build();
    return send(request);
  }

  private synchronized String serviceToken() {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode auth = body.putObject("auth");
    ObjectNode identity = auth.putObject("identity");
    identity.putArray("methods").add("password");
    ObjectNode user = identity.putObject("password").putObject("user");
    user.put("name", serviceUser).put("password", servicePassword.reveal());
    user.putObject("domain").put("id", domain);
    ObjectNode project = auth.putObject("scope").putObject("project").put("name", serviceProject);
    project.putObject("domain").put("id", domain);
    HttpRequest request =
        HttpRequest.newBuilder(tokensUri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response = send(request);
    Optional<String> token = response.headers().firstValue("X-Subject-Token");
    if (response.statusCode() != 201 || token.isEmpty()) {
      throw new StewardException(
          StandardErrorCode.ENGINE_UNAVAILABLE,
          "Keystone refused the service user "
              + serviceUser
              + " (status "
              + response.statusCode()
              + ")");
    }
    serviceToken = token.get();
    return serviceToken;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.ENGINE_UNAVAILABLE, "Keystone is not reachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StewardException(StandardErrorCode.TIMEOUT, "Interrupted while asking Keystone");
    }
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.ENGINE_UNAVAILABLE, "Keystone answered with malformed JSON");
    }
  }

  private static StewardException unauthorized() {
    return new StewardException(
        ServerErrorCode.UNAUTHORIZED, "The request you have made requires authentication.");
  }

  @Override
  public void close() {
    http.close();
  }
}
