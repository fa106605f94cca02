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
package dev.steward.tck;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreFactory;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What an engine's flow test below the TCK (lifecycle, admins and leaks against a real server on a
 * real platform, without core) sets up and tears down: the datastore from its factory (every
 * configuration key known), one provisioned host, its instance context with the default version,
 * and a {@link ProcessArgumentScanner} watching the test's secrets. Opened by the test's
 * {@code @BeforeEach} on the platform it built, closed by its {@code @AfterEach}.
 */
public final class EngineFlowFixture implements AutoCloseable {
  private final ProcessArgumentScanner scanner;
  private final List<Secret> watched;
  private final Platform platform;
  private final Datastore datastore;
  private final Host host;
  private final InstanceContext instance;

  private EngineFlowFixture(
      ProcessArgumentScanner scanner,
      List<Secret> watched,
      Platform platform,
      Datastore datastore,
      Host host,
      InstanceContext instance) {
    this.scanner = scanner;
    this.watched = List.copyOf(watched);
    this.platform = platform;
    this.datastore = datastore;
    this.host = host;
    this.instance = instance;
  }

  /**
   * Creates the datastore and provisions {@code instanceId}; closes the platform when that fails.
   *
   * @param watched the secrets no process argument may show (the admin password included)
   */
  public static EngineFlowFixture open(
      Platform platform,
      DatastoreFactory factory,
      PluginConfig config,
      String instanceId,
      Resources resources,
      Secret adminPassword,
      List<Secret> watched) {
    requireNonNull(platform, "platform is null");
    ProcessArgumentScanner scanner = new ProcessArgumentScanner();
    try {
      for (Secret secret : watched) {
        scanner.watch(secret.reveal());
      }
      Datastore datastore = factory.create(() -> config);
      config.requireAllKnown();
      Host host = platform.provision(new HostRequest(instanceId, factory.name(), resources));
      InstanceContext instance =
          new InstanceContext(
              instanceId, datastore.versions().getFirst(), resources, host, adminPassword);
      return new EngineFlowFixture(scanner, watched, platform, datastore, host, instance);
    } catch (RuntimeException e) {
      platform.close();
      closeQuietly(scanner);
      throw e;
    }
  }

  /** A fresh instance id such as {@code pg-flow-1a2b3c4d}. */
  public static String instanceId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A unique secret for {@code who} ending in characters hostile to the engine's quoting. */
  public static Secret hostileSecret(String who, String hostileSuffix) {
    return Secret.of(who + "-" + UUID.randomUUID() + hostileSuffix);
  }

  /** {@code action} fails with exactly {@code code}. */
  public static void assertCode(Runnable action, ErrorCodeSupplier code) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(code.toErrorCode()));
  }

  public ProcessArgumentScanner scanner() {
    return scanner;
  }

  public Platform platform() {
    return platform;
  }

  public Datastore datastore() {
    return datastore;
  }

  public Host host() {
    return host;
  }

  public InstanceContext instance() {
    return instance;
  }

  /**
   * The promise every engine makes: no watched secret on any process's command line (the scanner
   * stops here), and none in any file of the instance (the server log included, which must exist),
   * read as UTF-8 and as ISO-8859-1, except the files {@code exempt} names.
   */
  public void assertNoSecretLeaked(Predicate<Path> exempt)
      throws IOException, InterruptedException {
    scanner.close();
    assertThat(scanner.scans()).isPositive();
    assertThat(scanner.findings()).as("passwords in /proc/*/cmdline").isEmpty();
    Path log = host.directory(HostDirectory.LOG);
    assertThat(log.resolve("server.log")).exists();
    try (Stream<Path> files = Files.walk(log.getParent())) {
      for (Path file : files.filter(Files::isRegularFile).filter(exempt.negate()).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        for (Secret secret : watched) {
          assertThat(utf8).as("no clear password in " + file).doesNotContain(secret.reveal());
          assertThat(latin1).as("no clear password in " + file).doesNotContain(secret.reveal());
        }
      }
    }
  }

  /** {@link #assertNoSecretLeaked(Predicate)} without exemptions. */
  public void assertNoSecretLeaked() throws IOException, InterruptedException {
    assertNoSecretLeaked(file -> false);
  }

  /** Destroys the host and closes the platform, then stops the scanner. */
  @Override
  public void close() throws InterruptedException {
    try {
      platform.destroy(instance.instanceId());
      platform.close();
    } finally {
      scanner.close();
    }
  }

  private static void closeQuietly(ProcessArgumentScanner scanner) {
    try {
      scanner.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
