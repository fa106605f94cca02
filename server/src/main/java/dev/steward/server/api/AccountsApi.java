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
package dev.steward.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.core.instance.RootService;
import dev.steward.server.http.Body;
import dev.steward.server.http.Request;
import dev.steward.server.http.Response;
import dev.steward.server.http.Route;
import dev.steward.server.http.Route.Access;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Databases, users, access grants and root of an instance ({@code instances/{id}/databases}, {@code
 * .../users}, {@code .../root}). User path segments are {@code name} or {@code name@host},
 * URL-quoted with {@code .} as {@code %2e} (troveclient's {@code quote_user_host}).
 */
public final class AccountsApi {
  private static final String BASE = "/v1.0/{tenant_id}/instances/{id}";

  private final ApiContext api;

  public AccountsApi(ApiContext api) {
    this.api = requireNonNull(api, "api is null");
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "POST",
            BASE + "/databases",
            Access.TENANT,
            202,
            "Create databases",
            this::createDatabases),
        new Route(
            "GET", BASE + "/databases", Access.TENANT, 200, "List databases", this::listDatabases),
        new Route(
            "DELETE",
            BASE + "/databases/{name}",
            Access.TENANT,
            202,
            "Delete a database",
            this::deleteDatabase),
        new Route("POST", BASE + "/users", Access.TENANT, 202, "Create users", this::createUsers),
        new Route("GET", BASE + "/users", Access.TENANT, 200, "List users", this::listUsers),
        new Route(
            "PUT", BASE + "/users", Access.TENANT, 202, "Change passwords", this::changePasswords),
        new Route("GET", BASE + "/users/{user}", Access.TENANT, 200, "Show a user", this::showUser),
        new Route(
            "PUT", BASE + "/users/{user}", Access.TENANT, 202, "Update a user", this::updateUser),
        new Route(
            "DELETE",
            BASE + "/users/{user}",
            Access.TENANT,
            202,
            "Delete a user",
            this::deleteUser),
        new Route(
            "GET",
            BASE + "/users/{user}/databases",
            Access.TENANT,
            200,
            "List a user's access",
            this::access),
        new Route(
            "PUT",
            BASE + "/users/{user}/databases",
            Access.TENANT,
            202,
            "Grant access",
            this::grant),
        new Route(
            "DELETE",
            BASE + "/users/{user}/databases/{database}",
            Access.TENANT,
            202,
            "Revoke access",
            this::revoke),
        new Route("POST", BASE + "/root", Access.TENANT, 200, "Enable root", this::enableRoot),
        new Route("GET", BASE + "/root", Access.TENANT, 200, "Is root enabled", this::rootEnabled),
        new Route("DELETE", BASE + "/root", Access.TENANT, 204, "Disable root", this::disableRoot));
  }

  private Response createDatabases(Request request) {
    Body body = request.json().only("databases");
    requireList(body, "databases");
    api.settle(
        api.steward()
            .databases()
            .create(
                request.tenant(),
                request.param("id"),
                InstancesApi.databases(body.objects("databases"))));
    return Response.accepted();
  }

  private Response listDatabases(Request request) {
    List<DatabaseInfo> all =
        new ArrayList<>(api.steward().databases().list(request.tenant(), request.param("id")));
    all.sort(Comparator.comparing(DatabaseInfo::name));
    return page(
        request,
        "databases",
        all,
        DatabaseInfo::name,
        database -> {
          ObjectNode node = Views.object().put("name", database.name());
          return node;
        });
  }

  private Response deleteDatabase(Request request) {
    api.settle(
        api.steward()
            .databases()
            .delete(request.tenant(), request.param("id"), request.param("name")));
    return Response.accepted();
  }

  private Response createUsers(Request request) {
    Body body = request.json().only("users");
    requireList(body, "users");
    api.settle(
        api.steward()
            .users()
            .create(
                request.tenant(), request.param("id"), InstancesApi.users(body.objects("users"))));
    return Response.accepted();
  }

  private Response listUsers(Request request) {
    List<UserInfo> all =
        new ArrayList<>(api.steward().users().list(request.tenant(), request.param("id")));
    all.sort(Comparator.comparing((UserInfo user) -> user.user().name()));
    return page(request, "users", all, user -> user.user().name(), AccountsApi::userView);
  }

  private Response showUser(Request request) {
    UserInfo user = api.steward().users().get(request.tenant(), request.param("id"), user(request));
    ObjectNode body = Views.object();
    body.set("user", userView(user));
    return Response.ok(body);
  }

  private Response changePasswords(Request request) {
    Body body = request.json().only("users");
    requireList(body, "users");
    List<UserSpec> users = new ArrayList<>();
    for (Body item : body.objects("users")) {
      item.only("name", "password", "host");
      users.add(
          new UserSpec(
              new UserRef(
                  item.string("name"), item.optionalString("host").orElse(UserRef.ANY_HOST)),
              Secret.of(item.string("password")),
              List.of()));
    }
    for (UserSpec user : users) {
      api.settle(
          api.steward()
              .users()
              .changePassword(request.tenant(), request.param("id"), user.user(), user.password()));
    }
    return Response.accepted();
  }

  private Response updateUser(Request request) {
    Body user = request.json().only("user").object("user").only("name", "password", "host");
    if (user.keys().isEmpty()) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT, "user needs at least one of name, password, host");
    }
    UserRef ref = user(request);
    if (user.optionalString("name").filter(name -> !name.equals(ref.name())).isPresent()
        || user.optionalString("host").filter(host -> !host.equals(ref.host())).isPresent()) {
      throw ApiContext.notImplemented("Renaming a user or changing its host");
    }
    Optional<String> password = user.optionalString("password");
    if (password.isPresent()) {
      api.settle(
          api.steward()
              .users()
              .changePassword(
                  request.tenant(), request.param("id"), ref, Secret.of(password.get())));
    }
    return Response.accepted();
  }

  private Response deleteUser(Request request) {
    api.settle(api.steward().users().delete(request.tenant(), request.param("id"), user(request)));
    return Response.accepted();
  }

  private Response access(Request request) {
    List<String> databases =
        api.steward().users().access(request.tenant(), request.param("id"), user(request));
    ObjectNode body = Views.object();
    ArrayNode array = body.putArray("databases");
    databases.stream().sorted().forEach(name -> array.addObject().put("name", name));
    return Response.ok(body);
  }

  private Response grant(Request request) {
    Body body = request.json().only("databases");
    requireList(body, "databases");
    List<String> databases = new ArrayList<>();
    for (Body item : body.objects("databases")) {
      databases.add(item.only("name").string("name"));
    }
    api.settle(
        api.steward()
            .users()
            .grant(request.tenant(), request.param("id"), user(request), databases));
    return Response.accepted();
  }

  private Response revoke(Request request) {
    api.settle(
        api.steward()
            .users()
            .revoke(
                request.tenant(), request.param("id"), user(request), request.param("database")));
    return Response.accepted();
  }

  private Response enableRoot(Request request) {
    Optional<Secret> password = Optional.empty();
    if (request.body().length > 0) {
      password = request.json().only("password").optionalString("password").map(Secret::of);
    }
    RootService.RootCredentials credentials =
        api.steward().root().enable(request.tenant(), request.param("id"), password);
    ObjectNode body = Views.object();
    body.putObject("user")
        .put("name", credentials.userName())
        .put("password", credentials.password().reveal());
    return Response.ok(body);
  }

  private Response rootEnabled(Request request) {
    boolean enabled = api.steward().root().isEnabled(request.tenant(), request.param("id"));
    return Response.ok(Views.object().put("rootEnabled", enabled));
  }

  private Response disableRoot(Request request) {
    api.settle(api.steward().root().disable(request.tenant(), request.param("id")));
    return Response.noContent();
  }

  /** The user named by the path: {@code name} or {@code name@host} (split at the last @). */
  static UserRef user(Request request) {
    String segment = request.param("user");
    int at = segment.lastIndexOf('@');
    if (at > 0) {
      return new UserRef(segment.substring(0, at), segment.substring(at + 1));
    }
    return UserRef.of(segment);
  }

  private static ObjectNode userView(UserInfo user) {
    ObjectNode node =
        Views.object().put("name", user.user().name()).put("host", user.user().host());
    ArrayNode databases = node.putArray("databases");
    user.databases().stream().sorted().forEach(name -> databases.addObject().put("name", name));
    return node;
  }

  private static void requireList(Body body, String key) {
    if (body.objects(key).isEmpty()) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT, key + " must be a non-empty list");
    }
  }

  private <T> Response page(
      Request request,
      String key,
      List<T> sorted,
      Function<T, String> name,
      Function<T, ObjectNode> view) {
    int limit = request.limit(api.pageSize());
    Optional<String> marker = request.queryParam("marker");
    List<T> after =
        marker
            .map(m -> sorted.stream().filter(item -> name.apply(item).compareTo(m) > 0).toList())
            .orElse(sorted);
    boolean more = after.size() > limit;
    List<T> items = more ? after.subList(0, limit) : after;
    return Response.ok(
        Views.page(
            key,
            items,
            more,
            view,
            name,
            request.tenantUrl() + "/instances/" + request.param("id") + "/" + key,
            limit));
  }
}
