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

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.Secret;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up a strategy's own test shares with every other: a real datastore and the strategy
 * driven through the SPI on a platform in a private directory (the local platform, own loopback
 * prefix), every process's arguments watched for the passwords meanwhile, every host destroyed
 * afterwards. A subclass names its platform, datastore and strategy and writes the round trip; the
 * helpers take a backup into a file and restore it from there.
 */
public abstract class BaseStrategyLocalTest {
  @TempDir protected Path temporaryDirectory;

  /** A suffix that makes this test's instance ids unique. */
  protected final String suffix = UUID.randomUUID().toString().substring(0, 8);

  /** Every instance's administrator password, with characters a shell or SQL would mistake. */
  protected final Secret adminPassword = Secret.of("adm-" + UUID.randomUUID() + "-'\"$;");

  private final List<String> hosts = new ArrayList<>();

  protected ProcessArgumentScanner scanner;
  protected Platform platform;
  protected Datastore datastore;
  protected BackupStrategy strategy;

  /** The platform in {@code directory}, e.g. the local platform on a private address prefix. */
  protected abstract Platform createPlatform(Path directory);

  protected abstract Datastore createDatastore();

  protected abstract BackupStrategy createStrategy();

  /** Further secrets that must never appear in a process's arguments. */
  protected List<Secret> watchedSecrets() {
    return List.of();
  }

  @BeforeEach
  final void startStrategyTest() throws IOException {
    scanner = new ProcessArgumentScanner();
    scanner.watch(adminPassword.reveal());
    watchedSecrets().forEach(secret -> scanner.watch(secret.reveal()));
    // The service user must traverse into the platform's directory.
    Files.setPosixFilePermissions(temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    platform = createPlatform(temporaryDirectory);
    datastore = createDatastore();
    strategy = createStrategy();
  }

  @AfterEach
  final void stopStrategyTest() throws InterruptedException {
    try {
      for (String host : hosts) {
        platform.destroy(host);
      }
      platform.close();
      datastore.close();
    } finally {
      scanner.close();
    }
  }

  /** The datastore's backup support (its tool environment). */
  protected final BackupSupport support() {
    return datastore.backups().orElseThrow();
  }

  /** A provisioned host of the datastore's first version, no engine prepared; destroyed after. */
  protected final InstanceContext instance(String id) {
    Resources resources = new Resources(256, 1, 1);
    Host host = platform.provision(new HostRequest(id, datastore.name(), resources));
    hosts.add(id);
    return new InstanceContext(id, datastore.versions().getFirst(), resources, host, adminPassword);
  }

  /** {@link #instance} with the engine prepared and started. */
  protected final InstanceContext running(String id) {
    InstanceContext instance = instance(id);
    datastore.lifecycle().prepare(instance);
    datastore.lifecycle().start(instance);
    return instance;
  }

  /** A backup written to a file, and how long it took. */
  public record FileBackup(BackupResult result, Path file, long millis) {
    /** The backup as the one part of a restore chain. */
    public RestorePart part() {
      return RestoreParts.ofFile("bk-1", result.metadata(), file);
    }
  }

  /** Backs up {@code source} (a full backup, id {@code bk-1}) into {@code file}. */
  protected final FileBackup backup(InstanceContext source, Path file) throws IOException {
    long started = System.nanoTime();
    BackupResult result;
    try (OutputStream out = Files.newOutputStream(file)) {
      result =
          strategy.backup(
              new BackupRequest(
                  "bk-1", source, support().tools(source), Optional.<Map<String, String>>empty()),
              out);
    }
    return new FileBackup(result, file, (System.nanoTime() - started) / 1_000_000);
  }

  /** Restores a chain into {@code target} through the strategy; returns the milliseconds. */
  protected final long restore(InstanceContext target, List<RestorePart> chain) {
    long started = System.nanoTime();
    strategy.restore(new RestoreRequest(target, support().tools(target), chain));
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** Closes the scanner and asserts it ran and saw no watched secret in any process's arguments. */
  protected final void assertNoSecretOnCommandLines() throws InterruptedException {
    scanner.close();
    assertThat(scanner.scans()).isPositive();
    assertThat(scanner.findings()).as("passwords in /proc/*/cmdline").isEmpty();
  }

  /** A JDBC connection as {@code user} (the driver is the subclass's; options in the URL). */
  protected static Connection jdbc(String url, String user, Secret password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password.reveal());
    return DriverManager.getConnection(url, properties);
  }

  /** The first column of the first row of a query that must answer one. */
  protected static String queryString(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
