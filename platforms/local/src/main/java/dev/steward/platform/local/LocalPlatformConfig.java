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
package dev.steward.platform.local;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.platform.Flavor;
import dev.steward.spi.platform.PlatformContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local platform's typed configuration, read once at boot from the properties below {@code
 * local.}. Every default lives here.
 *
 * @param baseDirectory {@code base-dir}: where instance directories are created
 * @param objectStoreDirectory {@code object-store-dir}: root of the filesystem object store
 * @param serviceUser {@code service-user}: the OS user engines run as when the control plane is
 *     root; with {@code per-instance-users} the stem of each instance's own user ({@code
 *     steward-<12 hex digits>})
 * @param perInstanceUsers {@code per-instance-users}: when root, give every instance an OS user of
 *     its own, created with the host and deleted with it (default); {@code false} shares {@code
 *     service-user} between all instances, so that one instance's engine can reach another's files
 * @param addressPrefix {@code address-prefix}: the first two or three octets of instance addresses
 *     (a 127.x loopback prefix)
 * @param flavors {@code flavors.<id>} = {@code name,ramMb,vcpus,diskGb}
 * @param superviseInterval {@code supervise-interval}: how often server processes are checked
 * @param stopServersOnClose {@code stop-servers-on-close}: stop every server when the platform
 *     closes (by default they keep running)
 */
public record LocalPlatformConfig(
    Path baseDirectory,
    Path objectStoreDirectory,
    String serviceUser,
    boolean perInstanceUsers,
    String addressPrefix,
    List<Flavor> flavors,
    Duration superviseInterval,
    boolean stopServersOnClose) {
  public static final String PREFIX = "local";
  public static final String DEFAULT_SERVICE_USER = "steward";

  /** A stem, a dash and 12 hex digits make at most the 32 characters of a Linux user name. */
  public static final int MAX_USER_STEM = 19;

  public static final String DEFAULT_ADDRESS_PREFIX = "127.77";
  public static final Duration DEFAULT_SUPERVISE_INTERVAL = Duration.ofSeconds(1);
  public static final List<Flavor> DEFAULT_FLAVORS =
      List.of(
          new Flavor("1", "m1.tiny", 512, 1, 1),
          new Flavor("2", "m1.small", 1024, 1, 5),
          new Flavor("3", "m1.medium", 2048, 2, 10),
          new Flavor("4", "m1.large", 4096, 2, 20));

  private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

  public LocalPlatformConfig {
    requireNonNull(baseDirectory, "baseDirectory is null");
    requireNonNull(objectStoreDirectory, "objectStoreDirectory is null");
    requireNonNull(serviceUser, "serviceUser is null");
    requireNonNull(addressPrefix, "addressPrefix is null");
    flavors = List.copyOf(requireNonNull(flavors, "flavors is null"));
    requireNonNull(superviseInterval, "superviseInterval is null");
  }

  /** Reads the configuration; invalid values fail with CONFIGURATION_INVALID naming the key. */
  public static LocalPlatformConfig from(PlatformContext context) {
    return from(context.config(), context.dataDirectory());
  }

  public static LocalPlatformConfig from(PluginConfig config, Path dataDirectory) {
    Path data = dataDirectory.toAbsolutePath().normalize();
    Path baseDirectory = absolute(config, "base-dir", data.resolve("instances"));
    Path objectStoreDirectory = absolute(config, "object-store-dir", data.resolve("objects"));
    String serviceUser = config.string("service-user", DEFAULT_SERVICE_USER);
    if (!USER_NAME.matcher(serviceUser).matches()) {
      throw config.invalid("service-user", "not a valid user name: " + serviceUser);
    }
    boolean perInstanceUsers = config.bool("per-instance-users", true);
    if (perInstanceUsers && serviceUser.length() > MAX_USER_STEM) {
      throw config.invalid(
          "service-user",
          "at most " + MAX_USER_STEM + " characters with per-instance-users, was " + serviceUser);
    }
    String addressPrefix = config.string("address-prefix", DEFAULT_ADDRESS_PREFIX);
    validateAddressPrefix(config, addressPrefix);
    Duration interval = config.duration("supervise-interval", DEFAULT_SUPERVISE_INTERVAL);
    if (interval.compareTo(Duration.ofMillis(10)) < 0
        || interval.compareTo(Duration.ofMinutes(1)) > 0) {
      throw config.invalid("supervise-interval", "must be between 10ms and 1m, was " + interval);
    }
    boolean stopServersOnClose = config.bool("stop-servers-on-close", false);
    return new LocalPlatformConfig(
        baseDirectory,
        objectStoreDirectory,
        serviceUser,
        perInstanceUsers,
        addressPrefix,
        flavors(config),
        interval,
        stopServersOnClose);
  }

  private static Path absolute(PluginConfig config, String key, Path defaultValue) {
    Path path = config.path(key, defaultValue);
    if (!path.isAbsolute()) {
      throw config.invalid(key, "must be an absolute path, was " + path);
    }
    return path.normalize();
  }

  private static void validateAddressPrefix(PluginConfig config, String prefix) {
    String[] octets = prefix.split("\\.", -1);
    if (octets.length < 2 || octets.length > 3 || !octets[0].equals("127")) {
      throw config.invalid(
          "address-prefix", "must be two or three octets starting with 127, was " + prefix);
    }
    for (String octet : octets) {
      if (!OCTET.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
        throw config.invalid("address-prefix", "not an address prefix: " + prefix);
      }
    }
  }

  private static List<Flavor> flavors(PluginConfig config) {
    Map<String, String> entries = config.subMap("flavors");
    if (entries.isEmpty()) {
      return DEFAULT_FLAVORS;
    }
    List<Flavor> flavors = new ArrayList<>();
    entries.forEach((id, value) -> flavors.add(flavor(config, id, value)));
    flavors.sort(
        Comparator.comparing((Flavor flavor) -> flavor.id().length()).thenComparing(Flavor::id));
    return flavors;
  }

  private static Flavor flavor(PluginConfig config, String id, String value) {
    String key = "flavors." + id;
    String[] fields = value.split(",", -1);
    if (id.isBlank() || fields.length != 4 || fields[0].isBlank()) {
      throw config.invalid(key, "expected name,ramMb,vcpus,diskGb, was " + value);
    }
    try {
      return new Flavor(
          id,
          fields[0].trim(),
          Integer.parseInt(fields[1].trim()),
          Integer.parseInt(fields[2].trim()),
          Integer.parseInt(fields[3].trim()));
    } catch (IllegalArgumentException e) {
      throw config.invalid(
          key, "expected name,ramMb,vcpus,diskGb with positive sizes, was " + value);
    }
  }
}
