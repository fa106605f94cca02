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
import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupState;
import dev.steward.server.http.Body;
import dev.steward.server.http.Paths;
import dev.steward.server.http.Request;
import dev.steward.server.http.Response;
import dev.steward.server.http.Route;
import dev.steward.server.http.Route.Access;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code /v1.0/{tenant_id}/backups} and {@code instances/{id}/backups}: Trove's backup routes over
 * core's {@code BackupService}. Create answers 202 with the NEW backup at once (the client polls
 * {@code backup show}); delete waits up to {@code server.operation-wait} for the removal, so that a
 * second delete of the same backup is a 404 as in Trove.
 */
public final class BackupsApi {
  private static final String BASE = "/v1.0/{tenant_id}/backups";
  private static final int SCAN_PAGE = 1000;

  private final ApiContext api;

  public BackupsApi(ApiContext api) {
    this.api = requireNonNull(api, "api is null");
  }

  public List<Route> routes() {
    return List.of(
        new Route("POST", BASE, Access.TENANT, 202, "Create a backup of an instance", this::create),
        new Route("GET", BASE, Access.TENANT, 200, "List backups", this::list),
        new Route("GET", BASE + "/{id}", Access.TENANT, 200, "Show a backup", this::show),
        new Route(
            "DELETE",
            BASE + "/{id}",
            Access.TENANT,
            202,
            "Delete a backup and the incremental backups built on it",
            this::delete),
        new Route(
            "GET",
            "/v1.0/{tenant_id}/instances/{id}/backups",
            Access.TENANT,
            200,
            "List an instance's backups",
            this::listOfInstance));
  }

  private Response create(Request request) {
    Body backup = request.json().only("backup").object("backup");
    backup.only(
        "name",
        "instance",
        "description",
        "parent_id",
        "incremental",
        "swift_container",
        "storage_driver",
        "restore_from");
    if (backup.present("restore_from")) {
      throw ApiContext.notImplemented("Importing a backup (restore_from)");
    }
    if (backup.present("swift_container") || backup.present("storage_driver")) {
      throw ApiContext.notImplemented("Choosing the backup storage (swift_container)");
    }
    String name = backup.string("name");
    String instanceId = backup.string("instance");
    Optional<String> description = backup.optionalString("description");
    Optional<String> parentId = backup.optionalString("parent_id");
    if (incremental(backup) && parentId.isEmpty()) {
      parentId = latestCompleted(request.tenant(), instanceId);
    }
    Backup created;
    try {
      created =
          api.steward().backups().create(request.tenant(), instanceId, name, description, parentId);
    } catch (StewardException e) {
      if (e.is(StandardErrorCode.CONFLICT)) {
        // Trove's action gate: a busy instance is "not currently available" (422), not a 409
        throw new StewardException(
            StandardErrorCode.INVALID_STATE,
            "Instance "
                + ApiContext.shorten(instanceId)
                + " is not currently available for an action to be performed ("
                + e.getMessage()
                + ")");
      }
      throw e;
    }
    ObjectNode body = Views.object();
    body.set("backup", view(created));
    return Response.json(202, body);
  }

  /** Trove's {@code incremental}: 0/1 from the clients, a boolean from others. */
  private static boolean incremental(Body backup) {
    if (!backup.present("incremental")) {
      return false;
    }
    try {
      return backup.optionalBoolean("incremental").orElse(false);
    } catch (StewardException notBoolean) {
      int value = backup.optionalInteger("incremental").orElse(0);
      if (value != 0 && value != 1) {
        throw new StewardException(
            StandardErrorCode.INVALID_ARGUMENT, "backup.incremental must be 0, 1, true or false");
      }
      return value == 1;
    }
  }

  /**
   * Trove's parent of {@code incremental} without {@code parent_id}: the instance's most recent
   * COMPLETED backup (full or incremental); none means a full backup, as the client documents.
   */
  private Optional<String> latestCompleted(String tenant, String instanceId) {
    api.steward().instances().get(tenant, instanceId);
    Optional<Backup> latest = Optional.empty();
    Optional<String> marker = Optional.empty();
    while (true) {
      List<Backup> page =
          api.steward().backups().list(tenant, Optional.of(instanceId), SCAN_PAGE, marker);
      for (Backup candidate : page) {
        if (candidate.state() == BackupState.COMPLETED
            && (latest.isEmpty() || !candidate.created().isBefore(latest.get().created()))) {
          latest = Optional.of(candidate);
        }
      }
      if (page.size() < SCAN_PAGE) {
        return latest.map(Backup::id);
      }
      marker = Optional.of(page.getLast().id());
    }
  }

  private Response list(Request request) {
    Optional<String> projectId = request.queryParam("project_id");
    if (request.queryParam("all_projects").map(Boolean::parseBoolean).orElse(false)
        || projectId.filter(project -> !project.equals(request.tenant())).isPresent()) {
      throw ApiContext.notImplemented("Listing other projects' backups");
    }
    Optional<String> instanceId = request.queryParam("instance_id").filter(id -> !id.isEmpty());
    Predicate<Backup> filter = backup -> true;
    Optional<String> datastore = request.queryParam("datastore").filter(d -> !d.isEmpty());
    if (datastore.isPresent()) {
      String name = api.datastore(datastore.get()).name();
      filter = backup -> backup.datastore().equals(name);
    }
    StringBuilder query = new StringBuilder();
    instanceId.ifPresent(id -> query.append("&instance_id=").append(encode(id)));
    datastore.ifPresent(d -> query.append("&datastore=").append(encode(d)));
    return page(request, instanceId, filter, request.tenantUrl() + "/backups", query.toString());
  }

  private Response listOfInstance(Request request) {
    return page(
        request,
        Optional.of(request.param("id")),
        backup -> true,
        request.tenantUrl() + "/instances/" + encode(request.param("id")) + "/backups",
        "");
  }

  /**
   * One page of {@code limit} backups matching {@code filter} after {@code marker}, oldest first,
   * with a next link carrying the filters when more exist.
   */
  private Response page(
      Request request,
      Optional<String> instanceId,
      Predicate<Backup> filter,
      String collectionUrl,
      String filterQuery) {
    int limit = request.limit(api.pageSize());
    List<Backup> matching = new ArrayList<>();
    Optional<String> marker = request.queryParam("marker");
    boolean exhausted = false;
    while (matching.size() <= limit && !exhausted) {
      List<Backup> scanned =
          api.steward().backups().list(request.tenant(), instanceId, limit + 1, marker);
      for (Backup backup : scanned) {
        if (filter.test(backup) && matching.size() <= limit) {
          matching.add(backup);
        }
      }
      exhausted = scanned.size() < limit + 1;
      if (!scanned.isEmpty()) {
        marker = Optional.of(scanned.getLast().id());
      }
    }
    boolean more = matching.size() > limit;
    List<Backup> items = more ? matching.subList(0, limit) : matching;
    ObjectNode body =
        Views.page("backups", items, more, this::view, Backup::id, collectionUrl, limit);
    if (more && !filterQuery.isEmpty()) {
      ObjectNode next = (ObjectNode) body.get("links").get(0);
      next.put("href", next.get("href").asText() + filterQuery);
    }
    return Response.ok(body);
  }

  private Response show(Request request) {
    Backup backup = api.steward().backups().get(request.tenant(), request.param("id"));
    ObjectNode body = Views.object();
    body.set("backup", view(backup));
    return Response.ok(body);
  }

  private Response delete(Request request) {
    api.settle(api.steward().backups().delete(request.tenant(), request.param("id")));
    return Response.accepted();
  }

  private ObjectNode view(Backup backup) {
    return Views.backup(backup);
  }

  private static String encode(String value) {
    return Paths.encode(value);
  }
}
