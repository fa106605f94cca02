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

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.core.instance.CatalogService;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.server.http.Body;
import dev.steward.server.http.Request;
import dev.steward.server.http.Response;
import dev.steward.server.http.Route;
import dev.steward.server.http.Route.Access;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code /v1.0/{tenant_id}/instances}: create, list, show, update, delete, actions. */
public final class InstancesApi {
  private static final String BASE = "/v1.0/{tenant_id}/instances";
  private static final List<String> NOT_YET =
      List.of(
          "replica_of",
          "replica_count",
          "configuration",
          "modules",
          "nics",
          "locality",
          "availability_zone",
          "region_name");

  /** What Trove's create accepts: what Steward honours, then what it recognises as not yet done. */
  private static final List<String> CREATE_KEYS =
      Stream.concat(
              Stream.of(
                  "name",
                  "flavorRef",
                  "volume",
                  "databases",
                  "users",
                  "datastore",
                  "access",
                  "restorePoint"),
              NOT_YET.stream())
          .toList();

  private final ApiContext api;

  public InstancesApi(ApiContext api) {
    this.api = requireNonNull(api, "api is null");
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", BASE, Access.TENANT, 200, "Create an instance", this::create),
        new Route("GET", BASE, Access.TENANT, 200, "List instances", r -> list(r, false)),
        new Route(
            "GET",
            BASE + "/detail",
            Access.TENANT,
            200,
            "List instances (detail)",
            r -> list(r, true)),
        new Route("GET", BASE + "/{id}", Access.TENANT, 200, "Show an instance", this::show),
        new Route("PUT", BASE + "/{id}", Access.TENANT, 202, "Update an instance", this::update),
        new Route("PATCH", BASE + "/{id}", Access.TENANT, 202, "Upgrade an instance", this::update),
        new Route("DELETE", BASE + "/{id}", Access.TENANT, 202, "Delete an instance", this::delete),
        new Route(
            "POST", BASE + "/{id}/action", Access.TENANT, 202, "Instance action", this::action),
        unimplemented("GET", "/{id}/configuration", "Configuration groups"),
        unimplemented("GET", "/{id}/log", "Guest logs"),
        unimplemented("POST", "/{id}/log", "Guest logs"),
        unimplemented("GET", "/{id}/modules", "Modules"),
        unimplemented("POST", "/{id}/modules", "Modules"));
  }

  private Route unimplemented(String method, String path, String what) {
    return new Route(
        method,
        BASE + path,
        Access.TENANT,
        501,
        what + " (not implemented yet)",
        request -> {
          api.steward().instances().get(request.tenant(), request.param("id"));
          throw ApiContext.notImplemented(what);
        });
  }

  private Response create(Request request) {
    Body instance = request.json().only("instance").object("instance");
    instance.only(CREATE_KEYS.toArray(String[]::new));
    for (String key : NOT_YET) {
      if (instance.present(key)) {
        throw ApiContext.notImplemented("instance." + key);
      }
    }
    String name = instance.string("name");
    Optional<String> flavor = instance.optionalId("flavorRef");
    Optional<Integer> volume = Optional.empty();
    Optional<Body> volumeBody = instance.optionalObject("volume");
    if (volumeBody.isPresent()) {
      volumeBody.get().only("size", "type");
      volume = volumeBody.get().optionalInteger("size");
      if (volumeBody.get().optionalString("type").isPresent()) {
        throw ApiContext.notImplemented("Volume types");
      }
    }
    Optional<String> datastore = Optional.empty();
    Optional<String> version = Optional.empty();
    Optional<Body> datastoreBody = instance.optionalObject("datastore");
    if (datastoreBody.isPresent()) {
      Body body = datastoreBody.get().only("type", "version", "version_number");
      Optional<String> type = body.optionalString("type");
      Optional<String> versionName = body.optionalString("version");
      Optional<String> number = body.optionalString("version_number");
      if (type.isPresent()) {
        CatalogService.DatastoreView view = api.datastore(type.get());
        datastore = Optional.of(view.name());
        Optional<String> wanted = versionName.or(() -> number);
        if (wanted.isPresent()) {
          version = Optional.of(api.version(view, wanted.get()).name());
        }
      } else if (versionName.isPresent() || number.isPresent()) {
        throw new StewardException(
            StandardErrorCode.INVALID_ARGUMENT,
            "instance.datastore.type is required with a version");
      }
    }
    Optional<Body> access = instance.optionalObject("access");
    if (access.isPresent()) {
      access.get().only("is_public", "allowed_cidrs");
      if (access.get().optionalBoolean("is_public").orElse(false)
          || !access.get().objects("allowed_cidrs").isEmpty()) {
        throw ApiContext.notImplemented("Public access");
      }
    }
    Optional<String> restorePoint = Optional.empty();
    Optional<Body> restoreBody = instance.optionalObject("restorePoint");
    if (restoreBody.isPresent()) {
      restorePoint = Optional.of(restoreBody.get().only("backupRef").string("backupRef"));
    }
    List<DatabaseSpec> databases = databases(instance.objects("databases"));
    List<UserSpec> users = users(instance.objects("users"));
    Instance created =
        api.steward()
            .instances()
            .create(
                new CreateInstanceRequest(
                    request.tenant(),
                    name,
                    datastore,
                    version,
                    flavor,
                    volume,
                    databases,
                    users,
                    restorePoint));
    ObjectNode body = Views.object();
    body.set("instance", view(request, created, true));
    return Response.ok(body);
  }

  /** Trove's {@code databases} items: {@code name}, {@code character_set}, {@code collate}. */
  static List<DatabaseSpec> databases(List<Body> items) {
    List<DatabaseSpec> databases = new ArrayList<>();
    for (Body item : items) {
      item.only("name", "character_set", "collate");
      databases.add(
          new DatabaseSpec(
              item.string("name"),
              item.optionalString("character_set"),
              item.optionalString("collate")));
    }
    return databases;
  }

  /**
   * Trove's {@code users} items: {@code name}, {@code password}, {@code host}, {@code databases}.
   */
  static List<UserSpec> users(List<Body> items) {
    List<UserSpec> users = new ArrayList<>();
    for (Body item : items) {
      item.only("name", "password", "host", "databases");
      List<String> access = new ArrayList<>();
      for (Body database : item.objects("databases")) {
        access.add(database.only("name").string("name"));
      }
      users.add(
          new UserSpec(
              new UserRef(
                  item.string("name"), item.optionalString("host").orElse(UserRef.ANY_HOST)),
              Secret.of(item.string("password")),
              access));
    }
    return users;
  }

  private Response list(Request request, boolean detail) {
    int limit = request.limit(api.pageSize());
    List<Instance> page =
        new ArrayList<>(
            api.steward()
                .instances()
                .list(request.tenant(), limit + 1, request.queryParam("marker")));
    boolean more = page.size() > limit;
    List<Instance> items = more ? page.subList(0, limit) : page;
    return Response.ok(
        Views.page(
            "instances",
            items,
            more,
            instance -> view(request, instance, detail),
            Instance::id,
            request.tenantUrl() + "/instances" + (detail ? "/detail" : ""),
            limit));
  }

  private Response show(Request request) {
    Instance instance = api.steward().instances().get(request.tenant(), request.param("id"));
    ObjectNode body = Views.object();
    body.set("instance", view(request, instance, true));
    return Response.ok(body);
  }

  private Response update(Request request) {
    Body instance = request.json().only("instance").object("instance");
    instance.only("name", "configuration", "replica_of", "slave_of", "access", "datastore_version");
    api.steward().instances().get(request.tenant(), request.param("id"));
    for (String key : instance.keys()) {
      switch (key) {
        case "name" -> throw ApiContext.notImplemented("Renaming an instance");
        case "configuration" -> {
          if (instance.present(key)) {
            throw ApiContext.notImplemented("Configuration groups");
          }
        }
        case "replica_of", "slave_of" -> throw ApiContext.notImplemented("Replication");
        case "access" -> throw ApiContext.notImplemented("Changing access");
        default -> throw ApiContext.notImplemented("Datastore version upgrade");
      }
    }
    return Response.accepted();
  }

  private Response delete(Request request) {
    api.steward().instances().delete(request.tenant(), request.param("id"));
    return Response.accepted();
  }

  private Response action(Request request) {
    Body body = request.json();
    if (body.keys().size() != 1) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT, "Exactly one action is required in the request body");
    }
    String action = body.keys().iterator().next();
    String id = request.param("id");
    switch (action) {
      case "restart" -> {
        body.object("restart").only();
        api.steward().instances().restart(request.tenant(), id);
      }
      case "reset_status" -> {
        body.object("reset_status").only("force_delete");
        api.steward().admin().resetStatus(request.tenant(), id);
      }
      case "resize", "promote_to_replica_source", "eject_replica_source" -> {
        api.steward().instances().get(request.tenant(), id);
        throw ApiContext.notImplemented("The " + action + " action");
      }
      default ->
          throw new StewardException(
              StandardErrorCode.INVALID_ARGUMENT,
              "Unknown action '"
                  + ApiContext.shorten(action)
                  + "'; known: restart, reset_status, resize, promote_to_replica_source,"
                  + " eject_replica_source");
    }
    return Response.accepted();
  }

  private ObjectNode view(Request request, Instance instance, boolean detail) {
    return Views.instance(
        instance,
        api.versionNumber(instance.datastore(), instance.datastoreVersion()),
        request.tenantUrl(),
        detail,
        false);
  }
}
