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
package dev.steward.datastore.mysql;

import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real MariaDB instances on the local platform for backup tests (this module's and the backup
 * strategies'): provisions hosts in a private directory at a given address prefix, prepares and
 * starts servers, runs SQL through the command-line client as the administrator (an option file
 * that exists only while the client runs), and destroys everything on {@link #close()}.
 */
public final class MariadbBackupFixture implements AutoCloseable {
  private static final Resources RESOURCES = new Resources(1024, 1, 1);

  private final Platform platform;
  private final Datastore datastore;
  private final List<String> instanceIds = new ArrayList<>();

  /**
   * @param temporaryDirectory the test's own directory (made traversable for the service user)
   * @param addressPrefix the test's address prefix, such as {@code 127.103}
   */
  public MariadbBackupFixture(Path temporaryDirectory, String addressPrefix) {
    try {
      Files.setPosixFilePermissions(
          temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    platform = LocalPlatformFactory.inDirectory(temporaryDirectory, addressPrefix);
    Path server = ServerBinaries.require(new MariadbDistribution(), "STEWARD_MARIADBD");
    PluginConfig config =
        new PluginConfig(
            "mariadb", Map.of("buffer-pool-percent", "5", "server-program", server.toString()));
    datastore = new MysqlFamilyDatastoreFactory(new MariadbDistribution()).create(() -> config);
  }

  /** Why MariaDB tests cannot run here, or null when a server binary exists. */
  public static String skipReason() {
    ServerBinaries.Search search =
        ServerBinaries.search(new MariadbDistribution(), "STEWARD_MARIADBD");
    return search.found().isPresent() ? null : search.explanation();
  }

  public Datastore datastore() {
    return datastore;
  }

  /** A new host (nothing prepared) for an instance with the given administrator password. */
  public InstanceContext provision(String prefix, Secret adminPassword) {
    String instanceId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    instanceIds.add(instanceId);
    return new InstanceContext(
        instanceId,
        datastore.versions().getFirst(),
        RESOURCES,
        platform.provision(new HostRequest(instanceId, datastore.name(), RESOURCES)),
        adminPassword);
  }

  /** A new host with a prepared, running server. */
  public InstanceContext running(String prefix, Secret adminPassword) {
    InstanceContext instance = provision(prefix, adminPassword);
    datastore.lifecycle().prepare(instance);
    datastore.lifecycle().start(instance);
    return instance;
  }

  /** Runs SQL as the administrator; returns the client's tab-separated output. */
  public static String sql(InstanceContext instance, String statements) {
    return AdminClient.run(
            instance,
            Command.of(
                    "mariadb", "--batch", "--skip-column-names", "--default-character-set=utf8mb4")
                .withStdin(statements.getBytes(StandardCharsets.UTF_8)))
        .requireSuccess()
        .stdout()
        .strip();
  }

  /** {@code CHECKSUM TABLE} and {@code COUNT(*)} of each table, one line each, for comparison. */
  public static String fingerprint(InstanceContext instance, String database, List<String> tables) {
    StringBuilder fingerprint = new StringBuilder();
    for (String table : tables) {
      String name = "`" + database + "`.`" + table + "`";
      fingerprint
          .append(sql(instance, "CHECKSUM TABLE " + name + " EXTENDED"))
          .append('\t')
          .append(sql(instance, "SELECT COUNT(*) FROM " + name))
          .append('\n');
    }
    return fingerprint.toString();
  }

  /**
   * Loads about 4 MB into two databases (one with a dash in its name): customers with UTF-8 text
   * beyond the BMP, orders with binary columns (every byte value), JSON events, a procedure and a
   * trigger.
   */
  public static void loadSample(InstanceContext instance) {
    sql(
        instance,
        String.join(
            "\n",
            "CREATE DATABASE shop; CREATE DATABASE `app-2`;",
            "CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(100), note TEXT)"
                + " CHARACTER SET utf8mb4;",
            "INSERT INTO shop.customers SELECT seq, CONCAT('customer ', seq, ' \uD83D\uDE00 ü'),"
                + " REPEAT(MD5(seq), 6) FROM shop.seq_1_to_10000;",
            "CREATE TABLE shop.orders (id INT AUTO_INCREMENT PRIMARY KEY, customer INT,"
                + " amount DECIMAL(12,2), data VARBINARY(64));",
            "INSERT INTO shop.orders (customer, amount, data) SELECT seq % 1000, seq * 1.25,"
                + " UNHEX(SHA2(seq, 512)) FROM shop.seq_1_to_20000;",
            "INSERT INTO shop.orders (customer, amount, data) VALUES (0, 0, 0x00275C0A0D1A22FF);",
            "CREATE TABLE `app-2`.events (id BIGINT PRIMARY KEY, payload JSON);",
            "INSERT INTO `app-2`.events SELECT seq, JSON_OBJECT('n', seq, 's', REPEAT('x', 40))"
                + " FROM shop.seq_1_to_5000;",
            "CREATE PROCEDURE shop.total() SELECT SUM(amount) FROM shop.orders;",
            "CREATE TABLE shop.audit (n INT);",
            "CREATE TRIGGER shop.count_orders AFTER INSERT ON shop.orders"
                + " FOR EACH ROW INSERT INTO shop.audit VALUES (NEW.id);"));
  }

  /** Adds {@code rows} orders (each also writes an audit row through the trigger). */
  public static void addOrders(InstanceContext instance, int rows) {
    sql(
        instance,
        "INSERT INTO shop.orders (customer, amount, data) SELECT seq, seq * 2,"
            + " UNHEX(SHA2(seq, 256)) FROM shop.seq_1_to_"
            + rows
            + ";");
  }

  /** Checksums and counts of every sample table, and the stored procedure's answer. */
  public static String sampleFingerprint(InstanceContext instance) {
    return fingerprint(instance, "shop", List.of("customers", "orders", "audit"))
        + fingerprint(instance, "app-2", List.of("events"))
        + sql(instance, "CALL shop.total()");
  }

  /** Destroys every host this fixture provisioned and closes the platform. */
  @Override
  public void close() {
    for (String instanceId : instanceIds) {
      try {
        platform.destroy(instanceId);
      } catch (RuntimeException e) {
        System.err.println("Cannot destroy " + instanceId + ": " + e);
      }
    }
    platform.close();
  }
}
