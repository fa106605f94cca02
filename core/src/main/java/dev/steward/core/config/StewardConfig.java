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
package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Core's typed configuration: every property that starts with {@code steward.}. Defaults live here
 * and nowhere else; {@code StewardConfigTest} pins each of them.
 *
 * @param dataDirectory Steward's state: the embedded store, the secret key file, platform state
 * @param nodeId a stable name of this control-plane process; when set, operations this node held
 *     before a crash are taken over at boot instead of after their lease expires
 * @param platform the platform plugin to use (by factory name)
 * @param datastores the datastore plugins to enable (by factory name); never empty
 * @param storeUrl JDBC URL of the state store (embedded H2 file by default, or PostgreSQL)
 * @param storeUser store user name
 * @param storePassword store password
 * @param workers how many operations run at once
 * @param leaseDuration how long a worker's claim on an operation lasts without renewal
 * @param pollInterval how often idle workers look for runnable operations
 * @param maxAttempts how often a step that failed with a retryable error is tried
 * @param retryBackoff the first back-off after a retryable failure (doubles, capped at 30 s)
 * @param defaultVolumeGb volume size when a create request names none
 * @param defaultFlavor flavor id when a create request names none
 * @param warmPool per datastore, how many instances (default version, flavor and volume) to keep
 *     provisioned and running ahead of requests; a matching create claims one ({@code
 *     steward.warm-pool=redis=2,postgresql=1}; empty by default)
 * @param backup backup settings ({@code steward.backup.*})
 */
public record StewardConfig(
    Path dataDirectory,
    Optional<String> nodeId,
    String platform,
    List<String> datastores,
    String storeUrl,
    String storeUser,
    Optional<Secret> storePassword,
    int workers,
    Duration leaseDuration,
    Duration pollInterval,
    int maxAttempts,
    Duration retryBackoff,
    int defaultVolumeGb,
    String defaultFlavor,
    Map<String, Integer> warmPool,
    BackupConfig backup) {
  public static final String PREFIX = "steward";

  public StewardConfig {
    requireNonNull(dataDirectory, "dataDirectory is null");
    requireNonNull(nodeId, "nodeId is null");
    requireNonNull(platform, "platform is null");
    datastores = List.copyOf(datastores);
    requireNonNull(storeUrl, "storeUrl is null");
    requireNonNull(storeUser, "storeUser is null");
    requireNonNull(storePassword, "storePassword is null");
    requireNonNull(leaseDuration, "leaseDuration is null");
    requireNonNull(pollInterval, "pollInterval is null");
    requireNonNull(retryBackoff, "retryBackoff is null");
    requireNonNull(defaultFlavor, "defaultFlavor is null");
    warmPool = Map.copyOf(warmPool);
    requireNonNull(backup, "backup is null");
  }

  /** Reads and validates core's properties; unknown {@code steward.*} keys fail, named. */
  public static StewardConfig from(PluginConfig config) {
    Path dataDirectory = config.path("data-dir", Path.of(".steward")).toAbsolutePath().normalize();
    List<String> datastores = config.list("datastores", List.of());
    if (datastores.isEmpty()) {
      throw config.invalid(
          "datastores", "is required: name the datastore plugins to enable, e.g. postgresql");
    }
    // DB_CLOSE_ON_EXIT=FALSE: Steward closes the store itself, after the scheduler has released its
    // leases at shutdown (H2's own exit hook closed it first, so a restart waited for them to
    // expire).
    String defaultUrl =
        "jdbc:h2:file:"
            + dataDirectory.resolve("store/steward")
            + ";MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    StewardConfig result =
        new StewardConfig(
            dataDirectory,
            config.optionalString("node-id").filter(s -> !s.isEmpty()),
            config.string("platform", "local"),
            datastores,
            config.string("store.url", defaultUrl),
            config.string("store.user", "steward"),
            config.secret("store.password"),
            config.integer("workers", 16, 1, 1024),
            config.duration("lease-duration", Duration.ofSeconds(15)),
            config.duration("poll-interval", Duration.ofMillis(250)),
            config.integer("max-attempts", 5, 1, 100),
            config.duration("retry-backoff", Duration.ofSeconds(1)),
            config.integer("default-volume-gb", 1, 1, 65536),
            config.string("default-flavor", "1"),
            warmPool(config, datastores),
            BackupConfig.from(config, dataDirectory, datastores));
    if (result.leaseDuration().compareTo(Duration.ofSeconds(1)) < 0) {
      throw config.invalid("lease-duration", "must be at least 1s");
    }
    if (!result.storeUrl().startsWith("jdbc:h2:")
        && !result.storeUrl().startsWith("jdbc:postgresql:")) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Configuration property steward.store.url: only jdbc:h2: and jdbc:postgresql: are supported");
    }
    config.requireAllKnown();
    return result;
  }

  private static Map<String, Integer> warmPool(PluginConfig config, List<String> datastores) {
    Map<String, Integer> pool = new LinkedHashMap<>();
    for (String entry : config.list("warm-pool", List.of())) {
      int equals = entry.indexOf('=');
      String datastore = equals < 0 ? "" : entry.substring(0, equals).trim();
      int size;
      try {
        size = Integer.parseInt(entry.substring(equals + 1).trim());
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (equals < 0 || size < 0 || size > 64) {
        throw config.invalid(
            "warm-pool", "entries are DATASTORE=SIZE with SIZE 0 to 64, e.g. redis=2");
      }
      if (!datastores.contains(datastore)) {
        throw config.invalid(
            "warm-pool", "names datastore " + datastore + ", which is not enabled " + datastores);
      }
      if (pool.put(datastore, size) != null) {
        throw config.invalid("warm-pool", "names datastore " + datastore + " twice");
      }
    }
    return pool;
  }
}
