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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.server.http.Body;
import dev.steward.server.http.Request;
import dev.steward.server.http.Response;
import dev.steward.server.http.Route;
import dev.steward.server.http.ServerErrorCode;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Standalone identity: projects, users (PBKDF2 password hashes) and roles from {@link
 * IdentityFile}, static tokens (for {@code --os-auth-type admin_token}), and a
 * Keystone-v3-compatible {@code POST /v3/auth/tokens} issuing expiring tokens with a catalog whose
 * {@code database} service points at this server, so that {@code openstack --os-auth-url .../v3}
 * and the legacy {@code trove} CLI work without Keystone. Tokens are random 256-bit values kept
 * only as SHA-256 digests, in memory (a restart invalidates issued tokens; static tokens stay).
 */
public final class BuiltinIdentity implements IdentityProvider {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter KEYSTONE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final IdentityFile file;
  private final Duration tokenLifetime;
  private final String region;
  private final Clock clock;
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  private record Issued(Principal principal, Instant expires) {}

  public BuiltinIdentity(IdentityFile file, Duration tokenLifetime, String region, Clock clock) {
    this.file = requireNonNull(file, "file is null");
    this.tokenLifetime = requireNonNull(tokenLifetime, "tokenLifetime is null");
    this.region = requireNonNull(region, "region is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public Principal authenticate(String token) {
    if (token.isEmpty()) {
      throw unauthorized();
    }
    String digest = PasswordHash.digest(token);
    Optional<Principal> fixed = file.staticToken(digest);
    if (fixed.isPresent()) {
      return fixed.get();
    }
    Issued found = issued.get(digest);
    if (found == null || !found.expires().isAfter(clock.instant())) {
      throw unauthorized();
    }
    return found.principal();
  }

  @Override
  public List<Route> routes() {
    return List.of(
        new Route("GET", "/v3", Route.Access.PUBLIC, 200, "Identity v3 version", this::version),
        new Route(
            "POST",
            "/v3/auth/tokens",
            Route.Access.PUBLIC,
            201,
            "Issue a token (Keystone v3 password method)",
            this::issue));
  }

  private Response version(Request request) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode version = body.putObject("version");
    version.put("id", "v3.14").put("status", "stable").put("updated", "2020-04-07T00:00:00Z");
    version
        .putArray("links")
        .addObject()
        .put("rel", "self")
        .put("href", request.baseUrl() + "/v3/");
    version
        .putArray("media-types")
        .addObject()
        .put("base", "application/json")
        .put("type", "application/vnd.openstack.identity-v3+json");
    return Response.ok(body);
  }

  private Response issue(Request request) {
    Body auth = request.json().object("auth");
    Body identity = auth.object("identity");
    Body password = identity.object("password");
    Body user = password.object("user");
    String name = user.optionalString("name").or(() -> user.optionalString("id")).orElse("");
    Secret secret = Secret.of(user.optionalString("password").orElse(""));
    IdentityFile.User account =
        file.user(name)
            .filter(candidate -> PasswordHash.matches(secret, candidate.passwordHash()))
            .orElseThrow(() ->
                new StewardException(
                    ServerErrorCode.UNAUTHORIZED,
                    "The request you have made requires authentication."));
    Optional<Body> scope = auth.optionalObject("scope").flatMap(s -> s.optionalObject("project"));
    if (scope.isPresent()) {
      Optional<String> wantedId = scope.get().optionalString("id");
      Optional<String> wantedName = scope.get().optionalString("name");
      boolean same =
          wantedId.map(account.projectId()::equals).orElse(true)
              && wantedName.map(file.projectName(account.projectId())::equals).orElse(true);
      if (!same) {
        throw new StewardException(
            ServerErrorCode.UNAUTHORIZED, "User " + name + " has no role on the requested project");
      }
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant();
    Instant expires = now.plus(tokenLifetime);
    Principal principal =
        new Principal(
            account.name(), account.name(), Optional.of(account.projectId()), account.roles());
    issued.values().removeIf(old -> !old.expires().isAfter(now));
    issued.put(PasswordHash.digest(token), new Issued(principal, expires));
    return Response.json(201, tokenBody(request, account, now, expires))
        .withHeader("X-Subject-Token", token);
  }

  private JsonNode tokenBody(
      Request request, IdentityFile.User account, Instant now, Instant expires) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode token = body.putObject("token");
    token.putArray("methods").add("password");
    token
        .put("issued_at", KEYSTONE_TIME.format(now))
        .put("expires_at", KEYSTONE_TIME.format(expires));
    ObjectNode user = token.putObject("user").put("id", account.name()).put("name", account.name());
    user.putObject("domain").put("id", "default").put("name", "Default");
    ObjectNode project =
        token
            .putObject("project")
            .put("id", account.projectId())
            .put("name", file.projectName(account.projectId()));
    project.putObject("domain").put("id", "default").put("name", "Default");
    ArrayNode roles = token.putArray("roles");
    account.roles().forEach(role -> roles.addObject().put("id", role).put("name", role));
    ArrayNode catalog = token.putArray("catalog");
    service(catalog, "database", "trove", request.baseUrl() + "/v1.0/" + account.projectId());
    service(catalog, "identity", "keystone", request.baseUrl() + "/v3/");
    return body;
  }

  private void service(ArrayNode catalog, String type, String name, String url) {
    ObjectNode service = catalog.addObject().put("type", type).put("name", name).put("id", name);
    ArrayNode endpoints = service.putArray("endpoints");
    for (String face : List.of("public", "internal", "admin")) {
      endpoints
          .addObject()
          .put("id", name + "-" + face)
          .put("interface", face)
          .put("region", region)
          .put("region_id", region)
          .put("url", url);
    }
  }

  private static StewardException unauthorized() {
    return new StewardException(
        ServerErrorCode.UNAUTHORIZED, "The request you have made requires authentication.");
  }

  static StewardException invalidFile(String message) {
    return new StewardException(StandardErrorCode.CONFIGURATION_INVALID, message);
  }
}
