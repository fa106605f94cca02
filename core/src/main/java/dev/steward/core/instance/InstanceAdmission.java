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
package dev.steward.core.instance;

import static java.util.Objects.requireNonNull;

import dev.steward.core.config.StewardConfig;
import dev.steward.core.model.Instance;
import dev.steward.core.plugin.Plugins;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.platform.Flavor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Admits instance creates: validates a request completely (name, restore point, datastore, version,
 * flavor, volume, databases, users) before anything is recorded, then records it as a create, a
 * restore or a claim of a warm-pool instance of the same shape.
 */
@Singleton
public final class InstanceAdmission {
  private static final int MAX_NAME_LENGTH = 255;
  private static final int MAX_VOLUME_GB = 65536;

  private final StewardConfig config;
  private final Plugins plugins;
  private final CatalogService catalog;
  private final RequestValidator validator;
  private final RestoreSource restores;
  private final InstanceRecorder recorder;
  private final WarmPool pool;

  @Inject
  public InstanceAdmission(
      StewardConfig config,
      Plugins plugins,
      CatalogService catalog,
      RequestValidator validator,
      RestoreSource restores,
      InstanceRecorder recorder,
      WarmPool pool) {
    this.config = requireNonNull(config, "config is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.validator = requireNonNull(validator, "validator is null");
    this.restores = requireNonNull(restores, "restores is null");
    this.recorder = requireNonNull(recorder, "recorder is null");
    this.pool = requireNonNull(pool, "pool is null");
  }

  /** See {@link InstanceService#create}. */
  public Instance create(CreateInstanceRequest request) {
    String name = validName(request.name());
    Optional<RestorePoint> restore =
        request.restorePoint().map(id -> restores.find(request.tenantId(), id));
    Datastore datastore =
        plugins.datastore(
            restore.isPresent() && request.datastore().isEmpty()
                ? restore.get().datastore()
                : datastoreName(request.datastore()));
    DatastoreVersion version =
        plugins.version(
            datastore,
            restore.isPresent() && request.version().isEmpty()
                ? Optional.of(restore.get().datastoreVersion())
                : request.version());
    Set<String> restoreSkips = Set.of();
    if (restore.isPresent()) {
      restoreSkips = restoreSkips(restore.get(), datastore, version);
    }
    Flavor flavor = catalog.flavor(request.flavorId().orElse(config.defaultFlavor()));
    int volumeGb = request.volumeGb().orElse(config.defaultVolumeGb());
    if (volumeGb < 1 || volumeGb > MAX_VOLUME_GB) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Volume size must be between 1 and " + MAX_VOLUME_GB + " GB");
    }
    validator.validateDatabases(datastore, version, request.databases(), List.of());
    validator.validateUsers(datastore, version, request.users(), request.databases(), List.of());
    WarmPool.requireTenant(request.tenantId());
    InstanceShape shape =
        new InstanceShape(request.tenantId(), name, datastore, version, flavor, volumeGb);
    Payloads.Create payload =
        new Payloads.Create(
            request.databases().stream().map(Payloads.Database::of).toList(),
            request.users().stream().map(Payloads.User::of).toList());
    if (restore.isPresent()) {
      RestorePoint point = restore.get();
      return recorder.record(
          shape,
          InstancePlans.RESTORE,
          new Payloads.Create(payload.databases(), payload.users(), point.backupId()),
          restoreSkips,
          Optional.of(point.sealedAdminSecret()),
          (handle, operation) -> restores.hold(handle, point.backupId(), operation.id()));
    }
    if (config.warmPool().getOrDefault(datastore.name(), 0) > 0) {
      Optional<Instance> claimed = recorder.claim(shape, payload);
      if (claimed.isPresent()) {
        pool.nudge();
        return claimed.get();
      }
    }
    return recorder.record(
        shape, InstancePlans.CREATE, payload, Set.of(), Optional.empty(), InstanceRecorder.NOTHING);
  }

  private static String validName(String requested) {
    String name = requested.strip();
    if (name.isEmpty()
        || name.length() > MAX_NAME_LENGTH
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Instance name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
    }
    return name;
  }

  /**
   * Checks that the backup can seed this datastore version (same datastore and version, the whole
   * chain COMPLETED, its strategy enabled) and returns the steps its restore mode skips.
   */
  private Set<String> restoreSkips(
      RestorePoint point, Datastore datastore, DatastoreVersion version) {
    if (!point.datastore().equals(datastore.name())
        || !point.datastoreVersion().equals(version.name())) {
      throw new StewardException(
          StandardErrorCode.BACKUP_INCOMPATIBLE,
          "Backup "
              + point.backupId()
              + " holds "
              + point.datastore()
              + " "
              + point.datastoreVersion()
              + "; it cannot seed "
              + datastore.name()
              + " "
              + version.name());
    }
    return restores.mode(point.backupId()) == RestoreMode.PHYSICAL
        ? InstancePlans.LOGICAL_ONLY
        : InstancePlans.PHYSICAL_ONLY;
  }

  private String datastoreName(Optional<String> requested) {
    if (requested.isPresent()) {
      return requested.get();
    }
    Set<String> enabled = plugins.datastores().keySet();
    if (enabled.size() == 1) {
      return enabled.iterator().next();
    }
    throw new StewardException(
        StandardErrorCode.INVALID_ARGUMENT,
        "Please specify a datastore type; enabled datastores are " + enabled);
  }
}
