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
package dev.steward.backup.mongodump;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.steward.datastore.mongodb.MongodbDatastoreFactory;
import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.Resources;
import dev.steward.tck.ProcessArgumentScanner;
import dev.steward.tck.RestoreParts;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strategy through the SPI against real mongod servers on the local platform (127.105.200.*): a
 * few MB in two databases dumped, restored twice into a new instance (a repeated restore starts
 * over), compared by counts and content hashes, the password watched for in every process's
 * arguments. Runs only where {@code mongod}, {@code mongodump} and {@code mongorestore} exist (on
 * the PATH, or named by STEWARD_MONGOD for the server); skipped loudly elsewhere, as Debian 12
 * ships none of them.
 */
class MongodumpRoundTripTest {
  @TempDir Path temporaryDirectory;

  @BeforeAll
  static void requireMongoTools() {
    List<String> missing = new ArrayList<>();
    String mongod = System.getenv("STEWARD_MONGOD");
    if ((mongod == null || !Files.isExecutable(Path.of(mongod))) && !onPath("mongod")) {
      missing.add("mongod (or STEWARD_MONGOD)");
    }
    for (String tool : List.of("mongodump", "mongorestore")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      String reason =
          "mongodump round trip SKIPPED: not installed: "
              + String.join(", ", missing)
              + " (Debian 12 ships no MongoDB server or Database Tools)";
      System.err.println("*** MongodumpRoundTripTest: " + reason + " ***");
      Assumptions.abort(reason);
    }
  }

  @Test
  void dumpAndRestoreEveryDatabase() throws Exception {
    Files.setPosixFilePermissions(temporaryDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    Platform platform = platform();
    String mongod = System.getenv("STEWARD_MONGOD");
    Map<String, String> keys =
        mongod == null || mongod.isBlank() ? Map.of() : Map.of("mongod", mongod.strip());
    Datastore datastore =
        new MongodbDatastoreFactory().create(() -> new PluginConfig("mongodb", keys));
    Secret password = Secret.of("Mg" + UUID.randomUUID().toString().replace("-", ""));
    BackupStrategy strategy =
        new MongodumpStrategyFactory().create(new PluginConfig("mongodump", Map.of()));
    BackupSupport support = datastore.backups().orElseThrow();
    Path archive = temporaryDirectory.resolve("dump.archive");
    List<String> instanceIds = new ArrayList<>();
    try (ProcessArgumentScanner scanner = new ProcessArgumentScanner()) {
      scanner.watch(password.reveal());
      InstanceContext source = running(platform, datastore, "mg-src", password, instanceIds);
      try (MongoClient client = client(source, password)) {
        load(client);
      }
      String expected = fingerprint(source, password);
      BackupResult result;
      try (OutputStream out = Files.newOutputStream(archive)) {
        result =
            strategy.backup(
                new BackupRequest("bk-1", source, support.tools(source), Optional.empty()), out);
      }
      assertThat(result.metadata()).containsEntry("format", "archive");
      assertThat(Files.size(archive)).isGreaterThan(1_000_000);

      InstanceContext target = running(platform, datastore, "mg-dst", password, instanceIds);
      for (int attempt = 0; attempt < 2; attempt++) {
        strategy.restore(new RestoreRequest(target, support.tools(target), List.of(part(archive))));
        assertThat(fingerprint(target, password)).isEqualTo(expected);
      }
      assertThat(scanner.findings()).isEmpty();
    } finally {
      for (String instanceId : instanceIds) {
        platform.destroy(instanceId);
      }
      platform.close();
    }
  }

  private static void load(MongoClient client) {
    for (String database : List.of("shop", "events")) {
      MongoCollection<Document> collection = client.getDatabase(database).getCollection("items");
      List<Document> documents = new ArrayList<>();
      for (int index = 0; index < 10_000; index++) {
        documents.add(
            new Document("_id", index)
                .append("name", "item " + index + " \uD83D\uDE00")
                .append("payload", "x".repeat(200))
                .append("tags", List.of(index % 7, index % 11)));
      }
      collection.insertMany(documents);
    }
  }

  /** Per database: document count and the server's dbHash of its collections. */
  private static String fingerprint(InstanceContext instance, Secret password) {
    StringBuilder fingerprint = new StringBuilder();
    try (MongoClient client = client(instance, password)) {
      for (String database : List.of("shop", "events")) {
        fingerprint
            .append(database)
            .append(' ')
            .append(client.getDatabase(database).getCollection("items").countDocuments())
            .append(' ')
            .append(
                client
                    .getDatabase(database)
                    .runCommand(new Document("dbHash", 1))
                    .get("collections", Document.class)
                    .toJson())
            .append('\n');
      }
    }
    return fingerprint.toString();
  }

  private Platform platform() {
    PluginConfig platformConfig =
        new PluginConfig(
            "local",
            Map.of(
                "base-dir",
                temporaryDirectory.resolve("i").toString(),
                "object-store-dir",
                temporaryDirectory.resolve("o").toString(),
                "address-prefix",
                "127.105.200",
                "stop-servers-on-close",
                "true"));
    return LocalPlatformFactory.standalone(platformConfig, temporaryDirectory);
  }

  private static InstanceContext running(
      Platform platform,
      Datastore datastore,
      String prefix,
      Secret password,
      List<String> instanceIds) {
    String instanceId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Resources resources = new Resources(2048, 1, 1);
    instanceIds.add(instanceId);
    InstanceContext instance =
        new InstanceContext(
            instanceId,
            datastore.versions().getFirst(),
            resources,
            platform.provision(new HostRequest(instanceId, datastore.name(), resources)),
            password);
    datastore.lifecycle().prepare(instance);
    datastore.lifecycle().start(instance);
    return instance;
  }

  private static MongoClient client(InstanceContext instance, Secret password) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyToClusterSettings(cluster ->
                cluster.hosts(
                    List.of(new ServerAddress(instance.host().address().getHostAddress(), 27017))))
            .credential(
                MongoCredential.createScramSha256Credential(
                    "steward_admin", "admin", password.reveal().toCharArray()))
            .build());
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(File.pathSeparator))
            .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
  }

  private static RestorePart part(Path file) {
    return RestoreParts.ofFile(file.getFileName().toString(), Map.of(), file);
  }
}
