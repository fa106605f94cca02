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

import dev.steward.spi.PluginConfig;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/** Configurations for tests: a private temp base dir and an address prefix per test class. */
final class TestPlatforms {
  private TestPlatforms() {}

  static LocalPlatformConfig config(Path temporaryDirectory, String addressPrefix) {
    return config(temporaryDirectory, addressPrefix, Map.of());
  }

  static LocalPlatformConfig config(
      Path temporaryDirectory, String addressPrefix, Map<String, String> more) {
    makeTraversable(temporaryDirectory);
    Map<String, String> properties = new HashMap<>();
    properties.put("base-dir", temporaryDirectory.resolve("i").toString());
    properties.put("object-store-dir", temporaryDirectory.resolve("o").toString());
    properties.put("address-prefix", addressPrefix);
    properties.put("supervise-interval", "100ms");
    properties.putAll(more);
    PluginConfig pluginConfig = new PluginConfig("local", properties);
    LocalPlatformConfig config = LocalPlatformConfig.from(pluginConfig, temporaryDirectory);
    pluginConfig.requireAllKnown();
    return config;
  }

  static HostRequest request(String instanceId) {
    return new HostRequest(instanceId, "test", new Resources(512, 1, 1));
  }

  /** The user an instance's engine runs as: its own as root, else the JVM's own user. */
  static String expectedServiceUser(Host host) {
    Path baseDirectory = host.directory(HostDirectory.DATA).getParent().getParent();
    return new ServiceUser(
            ServiceUser.perInstanceName(
                LocalPlatformConfig.DEFAULT_SERVICE_USER, baseDirectory, host.instanceId()))
        .name();
  }

  static boolean root() {
    return new ServiceUser(LocalPlatformConfig.DEFAULT_SERVICE_USER).privileged();
  }

  /** JUnit's temp dirs are 0700; the service user must be able to pass through them. */
  static void makeTraversable(Path directory) {
    try {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
