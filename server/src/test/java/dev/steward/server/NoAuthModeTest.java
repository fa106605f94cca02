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
package dev.steward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Development mode {@code server.identity=none}: {@code openstack --os-auth-type none} (which sends
 * {@code X-Auth-Token: notused}) reads the catalog, limits and an empty instance list.
 */
class NoAuthModeTest {
  @Test
  void openstackWithAuthTypeNone() throws Exception {
    Assumptions.assumeTrue(Cli.available(), "openstack client missing");
    Path data = Files.createTempDirectory("stwo");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
    Map<String, String> properties = TestServers.properties(data, "127.93.0.1", "127.93");
    properties.put("server.identity", "none");
    try (StewardServer server = StewardServer.start(properties)) {
      String project = TestServers.projectId();
      Cli cli = Cli.atEndpoint(data.resolve("home"), server, project, "none", Map.of());
      assertThat(cli.ok("database", "flavor", "list", "-f", "json").json()).isNotEmpty();
      assertThat(cli.ok("database", "instance", "list", "-f", "json").json()).isEmpty();
      assertThat(cli.ok("database", "quota", "show", project, "-f", "json").json().toString())
          .contains("instances");
    } finally {
      TestServers.deleteTree(data);
    }
  }
}
