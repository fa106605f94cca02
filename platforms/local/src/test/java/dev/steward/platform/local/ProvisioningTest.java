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

import static dev.steward.platform.local.TestPlatforms.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.PlatformContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningTest {
  private static final String PREFIX = "127.178";

  @TempDir Path temporary;
  private LocalPlatformConfig config;
  private LocalPlatform platform;

  @BeforeEach
  void startPlatform() {
    config = TestPlatforms.config(temporary, PREFIX);
    platform = LocalPlatform.start(config);
  }

  @AfterEach
  void destroyEverything() {
    for (String id : platform.hostIds()) {
      platform.destroy(id);
    }
    platform.close();
  }

  @Test
  void createsTheTreeWithOwnersAndModes() throws IOException {
    Host host = platform.provision(request("tree"));

    Path instance = config.baseDirectory().resolve("tree");
    String controlPlaneUser = System.getProperty("user.name");
    assertThat(mode(config.baseDirectory())).isEqualTo("rwx--x--x");
    assertThat(mode(instance)).isEqualTo("rwx--x--x");
    assertThat(owner(instance)).isEqualTo(controlPlaneUser);
    assertThat(mode(instance.resolve("host.properties"))).isEqualTo("rw-------");
    assertThat(owner(instance.resolve("host.properties"))).isEqualTo(controlPlaneUser);
    for (HostDirectory directory : HostDirectory.values()) {
      Path path = host.directory(directory);
      assertThat(path).isDirectory().hasParent(instance);
      assertThat(mode(path)).as("%s", directory).isEqualTo("rwx------");
      assertThat(owner(path))
          .as("%s", directory)
          .isEqualTo(TestPlatforms.expectedServiceUser(host));
    }
    assertThat(host.directory(HostDirectory.RUN)).isEqualTo(instance.resolve("run"));
    assertThat(host.serviceUser()).isEqualTo(TestPlatforms.expectedServiceUser(host));
    assertThat(host.instanceId()).isEqualTo("tree");
    assertThat(host.serverState().running()).isFalse();
    assertThat(Files.readString(instance.resolve("host.properties")))
        .contains("address=127.178.0.2", "datastore=test", "server.desired-state=stopped");
  }

  @Test
  void hostsGetDistinctAddressesAndProvisioningIsIdempotent() {
    Host first = platform.provision(request("first"));
    Host second = platform.provision(request("second"));

    assertThat(first.address().getHostAddress()).isEqualTo("127.178.0.2");
    assertThat(second.address().getHostAddress()).isEqualTo("127.178.0.3");
    assertThat(first.address().isLoopbackAddress()).isTrue();
    assertThat(platform.provision(request("first")).address()).isEqualTo(first.address());
    assertThat(platform.hostIds()).containsExactly("first", "second");
    assertThat(platform.flavors()).isEqualTo(LocalPlatformConfig.DEFAULT_FLAVORS);
  }

  @Test
  void skipsAnAddressSomethingElseListensOn() throws IOException {
    try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getByName("127.178.0.2"))) {
      assertThat(foreign.isBound()).isTrue();
      assertThat(platform.provision(request("elsewhere")).address().getHostAddress())
          .isEqualTo("127.178.0.3");
    }
  }

  @Test
  void aSecondPlatformOverTheSameBaseDirectorySeesTheHosts() {
    InetAddress address = platform.provision(request("shared")).address();

    try (LocalPlatform other = LocalPlatform.start(config)) {
      assertThat(other.hostIds()).containsExactly("shared");
      assertThat(other.find("shared")).get().extracting(Host::address).isEqualTo(address);
      assertThat(other.provision(request("shared")).address()).isEqualTo(address);
      assertThat(other.provision(request("next")).address().getHostAddress())
          .isEqualTo("127.178.0.3");
    }
  }

  @Test
  void concurrentProvisioningFromTwoPlatformsNeverSharesAnAddress() throws Exception {
    List<Future<InetAddress>> futures = new ArrayList<>();
    try (LocalPlatform other = LocalPlatform.start(config);
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int index = 0; index < 12; index++) {
        Platform target = index % 2 == 0 ? platform : other;
        String id = "parallel-" + index;
        futures.add(workers.submit(() -> target.provision(request(id)).address()));
      }
      List<InetAddress> addresses = new ArrayList<>();
      for (Future<InetAddress> future : futures) {
        addresses.add(future.get());
      }
      assertThat(addresses).doesNotHaveDuplicates().hasSize(12);
    }
  }

  @Test
  void destroyRemovesEverythingAndFreesTheAddress() {
    Host doomed = platform.provision(request("doomed"));
    platform.provision(request("kept"));
    Path instance = config.baseDirectory().resolve("doomed");

    platform.destroy("doomed");

    assertThat(instance).doesNotExist();
    assertThat(platform.find("doomed")).isEmpty();
    assertThat(platform.hostIds()).containsExactly("kept");
    platform.destroy("doomed");
    platform.destroy("never-existed");
    assertThat(platform.provision(request("reuse")).address()).isEqualTo(doomed.address());
  }

  @Test
  void destroyWorksDespiteCorruptMetadataAndKillsLeftoverProcesses() throws Exception {
    Host host = platform.provision(request("corrupt"));
    Process leftover =
        new ProcessBuilder("sleep", "60")
            .directory(host.directory(HostDirectory.TMP).toFile())
            .start();
    Path instance = config.baseDirectory().resolve("corrupt");
    Files.writeString(instance.resolve("host.properties"), "garbage");

    try (LocalPlatform restarted = LocalPlatform.start(config)) {
      assertThatThrownBy(() -> restarted.find("corrupt"))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(LocalPlatformErrorCode.HOST_METADATA_INVALID)).isTrue());

      restarted.destroy("corrupt");
    }

    assertThat(leftover.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(instance).doesNotExist();
  }

  @Test
  void findReturnsEmptyForUnknownOrMalformedIds() {
    assertThat(platform.find("unknown")).isEmpty();
    assertThat(platform.find("../etc")).isEmpty();
  }

  @Test
  void rejectsMalformedInstanceIds() {
    for (String id : List.of("../escape", "a/b", "", ".hidden")) {
      assertThatThrownBy(() -> platform.provision(request(id)))
          .as(id)
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
    }
  }

  @Test
  void socketPathBudgetIsEnforcedNamingBaseDir() {
    LocalPlatformConfig longConfig =
        TestPlatforms.config(
            temporary, "127.188", Map.of("base-dir", temporary.resolve("x".repeat(80)).toString()));
    try (LocalPlatform longPlatform = LocalPlatform.start(longConfig)) {
      assertThatThrownBy(
              () -> longPlatform.provision(request("0b9a6c3e-2f0e-4d6c-9a51-0c1f2b3d4e5f")))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(LocalPlatformErrorCode.SOCKET_PATH_TOO_LONG)).isTrue())
          .hasMessageContaining("local.base-dir");
      assertThat(longPlatform.hostIds()).isEmpty();
    }
  }

  @Test
  void anUntraversableParentOfTheBaseDirectoryIsReported() throws IOException {
    if (!TestPlatforms.root()) {
      return; // Only root switches to a service user that could be locked out.
    }
    Path locked = Files.createDirectory(temporary.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    LocalPlatformConfig lockedConfig =
        TestPlatforms.config(
            temporary, "127.188", Map.of("base-dir", locked.resolve("i").toString()));
    try (LocalPlatform lockedPlatform = LocalPlatform.start(lockedConfig)) {
      assertThatThrownBy(() -> lockedPlatform.provision(request("blocked")))
          .isInstanceOfSatisfying(
              StewardException.class,
              e -> assertThat(e.is(LocalPlatformErrorCode.BASE_DIRECTORY_NOT_TRAVERSABLE)).isTrue())
          .hasMessageContaining(locked.toString())
          .hasMessageContaining("local.base-dir");
    }
  }

  @Test
  void theFactoryReadsItsConfigurationFromTheContext() {
    TestPlatforms.makeTraversable(temporary);
    PluginConfig properties = new PluginConfig("local", Map.of("address-prefix", "127.188"));
    PlatformContext context =
        new PlatformContext() {
          @Override
          public PluginConfig config() {
            return properties;
          }

          @Override
          public Path dataDirectory() {
            return temporary;
          }
        };
    try (Platform created = new LocalPlatformFactory().create(context)) {
      properties.requireAllKnown();
      assertThat(created.hostIds()).isEmpty();
      assertThat(temporary.resolve("instances")).isDirectory();
      assertThat(temporary.resolve("objects")).isDirectory();
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static String owner(Path path) throws IOException {
    return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
  }
}
