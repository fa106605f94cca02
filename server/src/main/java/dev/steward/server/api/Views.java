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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupState;
import dev.steward.core.instance.CatalogService;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.server.http.Paths;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Flavor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Trove's JSON views of Steward's values. Pure functions; no lookups. */
public final class Views {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final DateTimeFormatter NAIVE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Views() {}

  public static ObjectNode object() {
    return JSON.objectNode();
  }

  /** Trove's naive ISO timestamp ({@code 2026-01-31T12:00:00}, UTC, no zone). */
  public static String time(Instant instant) {
    return NAIVE.format(instant);
  }

  /** A list view ({@code detail == false}) or the detail view of an instance. */
  public static ObjectNode instance(
      Instance instance, String versionNumber, String tenantUrl, boolean detail, boolean admin) {
    ObjectNode node = JSON.objectNode();
    node.put("id", instance.id()).put("name", instance.name()).put("status", instance.status());
    node.put(
        "operating_status",
        instance.state() == InstanceState.ACTIVE && instance.activeOperation().isEmpty()
            ? "HEALTHY"
            : "");
    links(node.putArray("links"), tenantUrl + "/instances/" + instance.id());
    ObjectNode flavor = node.putObject("flavor").put("id", instance.flavorId());
    links(flavor.putArray("links"), tenantUrl + "/flavors/" + Paths.encode(instance.flavorId()));
    ObjectNode datastore =
        node.putObject("datastore")
            .put("type", instance.datastore())
            .put("version", instance.datastoreVersion());
    node.put("region", "RegionOne");
    ObjectNode access = node.putObject("access").put("is_public", false);
    access.putArray("allowed_cidrs");
    node.putObject("volume").put("size", instance.resources().volumeGb());
    ArrayNode ip = node.putArray("ip");
    ArrayNode addresses = node.putArray("addresses");
    instance
        .address()
        .ifPresent(address -> {
          ip.add(address);
          addresses
              .addObject()
              .put("address", address)
              .put("type", "private")
              .put("network", "loopback");
        });
    if (admin) {
      node.put("tenant_id", instance.tenantId());
    }
    if (detail) {
      datastore.put("version_number", versionNumber);
      node.put("created", time(instance.created()));
      node.put("updated", time(instance.updated()));
      node.put("service_status_updated", time(instance.updated()));
      instance
          .fault()
          .ifPresent(fault -> {
            ObjectNode faultNode =
                node.putObject("fault")
                    .put("message", fault.message())
                    .put("created", time(fault.created()));
            if (admin) {
              faultNode.put("details", fault.code());
            }
          });
    }
    return node;
  }

  /**
   * Trove's backup view: {@code size} in GB as a float once the stored size is known (Trove reports
   * it at completion), {@code locationRef} (the object-store prefix of its chunks and manifest)
   * once COMPLETED. Steward's DELETING (Trove has no such state: its rows vanish when deleted) is
   * shown as {@code DELETING}.
   */
  public static ObjectNode backup(Backup backup) {
    ObjectNode node = JSON.objectNode();
    node.put("id", backup.id()).put("name", backup.name());
    node.put("description", backup.description().orElse(null));
    node.put("locationRef", backup.state() == BackupState.COMPLETED ? backup.location() : null);
    node.put("instance_id", backup.instanceId());
    node.put("created", time(backup.created()));
    node.put("updated", time(backup.updated()));
    if (backup.storedBytes().isPresent()) {
      node.put("size", backup.storedBytes().get() / (1024.0 * 1024.0 * 1024.0));
    } else {
      node.putNull("size");
    }
    node.put("status", backup.state().name());
    node.put("parent_id", backup.parentId().orElse(null));
    node.put("project_id", backup.tenantId());
    node.putObject("datastore")
        .put("type", backup.datastore())
        .put("version", backup.datastoreVersion())
        .put("version_id", versionId(backup.datastore(), backup.datastoreVersion()));
    node.put("storage_driver", "steward");
    node.put("strategy", backup.strategy());
    backup.percent().ifPresent(percent -> node.put("progress", percent));
    backup.fault().ifPresent(fault -> node.put("fault", fault.message()));
    return node;
  }

  public static ObjectNode flavor(Flavor flavor, String tenantUrl) {
    ObjectNode node = JSON.objectNode();
    node.put("id", flavor.id())
        .put("str_id", flavor.id())
        .put("name", flavor.name())
        .put("ram", flavor.ramMb())
        .put("vcpus", flavor.vcpus())
        .put("disk", flavor.diskGb())
        .put("ephemeral", 0);
    links(node.putArray("links"), tenantUrl + "/flavors/" + Paths.encode(flavor.id()));
    return node;
  }

  /** Stable ids: Trove gives datastores and versions UUIDs; Steward derives them from names. */
  public static String datastoreId(String datastore) {
    return UUID.nameUUIDFromBytes(("datastore:" + datastore).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  public static String versionId(String datastore, String version) {
    return UUID.nameUUIDFromBytes(
            ("version:" + datastore + ":" + version).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  public static ObjectNode datastore(CatalogService.DatastoreView view, String tenantUrl) {
    String id = datastoreId(view.name());
    ObjectNode node = JSON.objectNode().put("id", id).put("name", view.name());
    links(node.putArray("links"), tenantUrl + "/datastores/" + id);
    List<DatastoreVersion> versions = view.versions();
    if (!versions.isEmpty()) {
      node.put("default_version", versionId(view.name(), versions.getFirst().name()));
    }
    ArrayNode array = node.putArray("versions");
    versions.forEach(version -> {
      ObjectNode item =
          array
              .addObject()
              .put("id", versionId(view.name(), version.name()))
              .put("name", version.name())
              .put("version", version.number())
              .put("active", true);
      links(item.putArray("links"), tenantUrl + "/datastores/versions/" + item.get("id").asText());
    });
    return node;
  }

  /**
   * Trove's version view, plus {@code backup_strategies}: the strategies that serve the version,
   * the default first (Steward's addition; Trove's clients ignore it).
   */
  public static ObjectNode version(
      CatalogService.DatastoreView view, DatastoreVersion version, String tenantUrl) {
    String datastore = view.name();
    String id = versionId(datastore, version.name());
    ObjectNode node =
        JSON.objectNode()
            .put("id", id)
            .put("name", version.name())
            .put("version", version.number())
            .put("datastore", datastoreId(datastore))
            .put("active", true)
            .put("packages", "")
            .put("image", "");
    node.putArray("image_tags");
    ArrayNode strategies = node.putArray("backup_strategies");
    view.backupStrategies().getOrDefault(version.name(), List.of()).forEach(strategies::add);
    links(node.putArray("links"), tenantUrl + "/datastores/versions/" + id);
    return node;
  }

  /**
   * {@code {"<key>": [...], "links": [next]}}: the next link only when {@code more} is true, with
   * the last item's marker.
   */
  public static <T> ObjectNode page(
      String key,
      List<T> items,
      boolean more,
      Function<T, ObjectNode> view,
      Function<T, String> marker,
      String collectionUrl,
      int limit) {
    ObjectNode node = JSON.objectNode();
    ArrayNode array = node.putArray(key);
    items.forEach(item -> array.add(view.apply(item)));
    if (more && !items.isEmpty()) {
      String next =
          collectionUrl
              + "?limit="
              + limit
              + "&marker="
              + Paths.encode(marker.apply(items.getLast()));
      node.putArray("links").addObject().put("rel", "next").put("href", next);
    } else {
      node.putArray("links");
    }
    return node;
  }

  private static void links(ArrayNode links, String self) {
    links.addObject().put("rel", "self").put("href", self);
    links.addObject().put("rel", "bookmark").put("href", self);
  }
}
