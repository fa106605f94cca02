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
import dev.steward.core.instance.CatalogService;
import dev.steward.server.http.Request;
import dev.steward.server.http.Response;
import dev.steward.server.http.Route;
import dev.steward.server.http.Route.Access;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Flavor;
import java.util.List;

/** Flavors, datastores and their versions (and their, so far empty, parameter lists). */
public final class CatalogApi {
  private static final String BASE = "/v1.0/{tenant_id}";

  private final ApiContext api;

  public CatalogApi(ApiContext api) {
    this.api = requireNonNull(api, "api is null");
  }

  public List<Route> routes() {
    return List.of(
        new Route("GET", BASE + "/flavors", Access.TENANT, 200, "List flavors", this::flavors),
        new Route(
            "GET", BASE + "/flavors/{flavor}", Access.TENANT, 200, "Show a flavor", this::flavor),
        new Route(
            "GET",
            BASE + "/volume-types",
            Access.TENANT,
            200,
            "List volume types",
            r -> emptyList("volume_types")),
        new Route(
            "GET", BASE + "/datastores", Access.TENANT, 200, "List datastores", this::datastores),
        new Route(
            "GET",
            BASE + "/datastores/versions/{version}",
            Access.TENANT,
            200,
            "Show a version by id",
            this::versionById),
        new Route(
            "GET",
            BASE + "/datastores/versions/{version}/parameters",
            Access.TENANT,
            200,
            "List parameters of a version",
            this::parametersById),
        new Route(
            "GET",
            BASE + "/datastores/{datastore}",
            Access.TENANT,
            200,
            "Show a datastore",
            this::datastore),
        new Route(
            "GET",
            BASE + "/datastores/{datastore}/versions",
            Access.TENANT,
            200,
            "List a datastore's versions",
            this::versions),
        new Route(
            "GET",
            BASE + "/datastores/{datastore}/versions/{version}",
            Access.TENANT,
            200,
            "Show a version",
            this::version),
        new Route(
            "GET",
            BASE + "/datastores/{datastore}/versions/{version}/parameters",
            Access.TENANT,
            200,
            "List configuration parameters",
            this::parameters),
        new Route(
            "GET",
            BASE + "/datastores/{datastore}/versions/{version}/parameters/{name}",
            Access.TENANT,
            200,
            "Show a configuration parameter",
            this::parameter),
        new Route(
            "GET",
            BASE + "/datastores/{datastore}/versions/{version}/flavors",
            Access.TENANT,
            200,
            "Flavors for a version",
            this::versionFlavors),
        new Route(
            "GET",
            BASE + "/datastores/{datastore}/versions/{version}/volume-types",
            Access.TENANT,
            200,
            "Volume types for a version",
            this::versionVolumeTypes));
  }

  private Response flavors(Request request) {
    ObjectNode body = Views.object();
    ArrayNode array = body.putArray("flavors");
    api.steward().catalog().flavors().forEach(f -> array.add(Views.flavor(f, request.tenantUrl())));
    return Response.ok(body);
  }

  private Response versionFlavors(Request request) {
    api.version(api.datastore(request.param("datastore")), request.param("version"));
    return flavors(request);
  }

  private Response versionVolumeTypes(Request request) {
    api.version(api.datastore(request.param("datastore")), request.param("version"));
    return emptyList("volume_types");
  }

  private Response flavor(Request request) {
    String wanted = request.param("flavor");
    Flavor flavor =
        api.steward().catalog().flavors().stream()
            .filter(f -> f.id().equals(wanted))
            .findFirst()
            .orElseThrow(() ->
                new StewardException(
                    StandardErrorCode.NOT_FOUND,
                    "Flavor " + ApiContext.shorten(wanted) + " could not be found"));
    ObjectNode body = Views.object();
    body.set("flavor", Views.flavor(flavor, request.tenantUrl()));
    return Response.ok(body);
  }

  private Response datastores(Request request) {
    ObjectNode body = Views.object();
    ArrayNode array = body.putArray("datastores");
    api.steward()
        .catalog()
        .datastores()
        .forEach(d -> array.add(Views.datastore(d, request.tenantUrl())));
    return Response.ok(body);
  }

  private Response datastore(Request request) {
    ObjectNode body = Views.object();
    body.set(
        "datastore",
        Views.datastore(api.datastore(request.param("datastore")), request.tenantUrl()));
    return Response.ok(body);
  }

  private Response versions(Request request) {
    CatalogService.DatastoreView datastore = api.datastore(request.param("datastore"));
    ObjectNode body = Views.object();
    ArrayNode array = body.putArray("versions");
    datastore.versions().forEach(v -> array.add(Views.version(datastore, v, request.tenantUrl())));
    return Response.ok(body);
  }

  private Response version(Request request) {
    CatalogService.DatastoreView datastore = api.datastore(request.param("datastore"));
    DatastoreVersion version = api.version(datastore, request.param("version"));
    ObjectNode body = Views.object();
    body.set("version", Views.version(datastore, version, request.tenantUrl()));
    return Response.ok(body);
  }

  private Response versionById(Request request) {
    String id = request.param("version");
    for (CatalogService.DatastoreView datastore : api.steward().catalog().datastores()) {
      for (DatastoreVersion version : datastore.versions()) {
        if (Views.versionId(datastore.name(), version.name()).equals(id)) {
          ObjectNode body = Views.object();
          body.set("version", Views.version(datastore, version, request.tenantUrl()));
          return Response.ok(body);
        }
      }
    }
    throw new StewardException(
        StandardErrorCode.NOT_FOUND,
        "Datastore version " + ApiContext.shorten(id) + " cannot be found");
  }

  /** Steward has no configuration groups yet: every version's parameter list is empty. */
  private Response parameters(Request request) {
    api.version(api.datastore(request.param("datastore")), request.param("version"));
    return emptyList("configuration-parameters");
  }

  private Response parametersById(Request request) {
    versionById(request);
    return emptyList("configuration-parameters");
  }

  private Response parameter(Request request) {
    api.version(api.datastore(request.param("datastore")), request.param("version"));
    throw new StewardException(
        StandardErrorCode.NOT_FOUND,
        "Configuration parameter "
            + ApiContext.shorten(request.param("name"))
            + " cannot be found");
  }

  private static Response emptyList(String key) {
    ObjectNode body = Views.object();
    body.putArray(key);
    return Response.ok(body);
  }
}
