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
import dev.steward.core.model.Instance;
import dev.steward.core.quota.QuotaUsage;
import dev.steward.server.http.Body;
import dev.steward.server.http.Request;
import dev.steward.server.http.Response;
import dev.steward.server.http.Route;
import dev.steward.server.http.Route.Access;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Limits, management quotas and the management instance listing (admin). */
public final class QuotasApi {
  private static final String BASE = "/v1.0/{tenant_id}";

  private final ApiContext api;

  public QuotasApi(ApiContext api) {
    this.api = requireNonNull(api, "api is null");
  }

  public List<Route> routes() {
    return List.of(
        new Route(
            "GET",
            BASE + "/limits",
            Access.TENANT,
            200,
            "Absolute limits of the tenant",
            this::limits),
        new Route(
            "GET",
            BASE + "/mgmt/quotas/{project}",
            Access.ADMIN,
            200,
            "Show a project's quotas",
            this::show),
        new Route(
            "PUT",
            BASE + "/mgmt/quotas/{project}",
            Access.ADMIN,
            200,
            "Update a project's quotas",
            this::update),
        new Route(
            "GET",
            BASE + "/mgmt/instances",
            Access.ADMIN,
            200,
            "List instances of all projects",
            this::instances));
  }

  private Response limits(Request request) {
    ObjectNode absolute = Views.object().put("verb", "ABSOLUTE");
    for (QuotaUsage line : api.steward().quotas().show(request.tenant())) {
      absolute.put("max_" + line.resource().troveName(), line.limit());
    }
    ObjectNode body = Views.object();
    body.putArray("limits").add(absolute);
    return Response.ok(body);
  }

  private Response show(Request request) {
    ObjectNode body = Views.object();
    ArrayNode array = body.putArray("quotas");
    for (QuotaUsage line : api.steward().quotas().show(project(request))) {
      array
          .addObject()
          .put("resource", line.resource().troveName())
          .put("in_use", line.inUse())
          .put("reserved", line.reserved())
          .put("limit", line.limit());
    }
    return Response.ok(body);
  }

  private Response update(Request request) {
    Body quotas = request.json().only("quotas").object("quotas");
    Map<String, Integer> limits = new LinkedHashMap<>();
    for (String key : quotas.keys()) {
      limits.put(
          key,
          quotas
              .optionalInteger(key)
              .orElseThrow(() ->
                  new StewardException(
                      StandardErrorCode.INVALID_ARGUMENT,
                      "quotas." + ApiContext.shorten(key) + " is required")));
    }
    Map<String, Integer> set = api.steward().quotas().update(project(request), limits);
    ObjectNode body = Views.object();
    ObjectNode result = body.putObject("quotas");
    set.forEach(result::put);
    return Response.ok(body);
  }

  private Response instances(Request request) {
    int limit = request.limit(api.pageSize());
    List<Instance> page =
        new ArrayList<>(
            api.steward()
                .admin()
                .listAll(
                    request.queryParam("project_id"), limit + 1, request.queryParam("marker")));
    boolean more = page.size() > limit;
    List<Instance> items = more ? page.subList(0, limit) : page;
    return Response.ok(
        Views.page(
            "instances",
            items,
            more,
            instance ->
                Views.instance(
                    instance,
                    api.versionNumber(instance.datastore(), instance.datastoreVersion()),
                    request.tenantUrl(),
                    false,
                    true),
            Instance::id,
            request.tenantUrl() + "/mgmt/instances",
            limit));
  }

  private static String project(Request request) {
    String project = request.param("project");
    if (project.isEmpty() || project.length() > 64 || !project.matches("[A-Za-z0-9_.-]+")) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "A project id is 1 to 64 letters, digits, '-', '_' or '.'");
    }
    return project;
  }
}
