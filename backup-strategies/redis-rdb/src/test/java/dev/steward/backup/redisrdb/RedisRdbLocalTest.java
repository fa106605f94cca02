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
package dev.steward.backup.redisrdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.datastore.redis.RedisDatastoreFactory;
import dev.steward.platform.local.LocalPlatformFactory;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.Platform;
import dev.steward.tck.BaseStrategyLocalTest;
import dev.steward.tck.RestoreParts;
import dev.steward.toolkit.engine.PreparedMarker;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * redis-rdb through the SPI against real Redis servers run by the local platform: an RDB of a
 * source holding a few MB, restored physically (strategy restore, {@code BackupSupport.restored},
 * start) into one instance with the AOF on (the default: the RDB becomes the AOF base, and survives
 * a restart) and one with AOF and snapshots off ({@code save ""}: the RDB is still loaded), digests
 * compared, and no password on any command line meanwhile.
 */
class RedisRdbLocalTest extends BaseStrategyLocalTest {
  private static final int KEYS = 20_000;

  private Datastore withoutPersistence;
  private RedisClient client;

  @Override
  protected Platform createPlatform(Path directory) {
    return LocalPlatformFactory.inDirectory(directory, "127.102");
  }

  @Override
  protected Datastore createDatastore() {
    withoutPersistence =
        new RedisDatastoreFactory()
            .create(() -> new PluginConfig("redis", Map.of("appendonly", "false", "save", "none")));
    client = RedisClient.create();
    return new RedisDatastoreFactory().create(() -> new PluginConfig("redis", Map.of()));
  }

  @Override
  protected BackupStrategy createStrategy() {
    return new RedisRdbPlugin.Factory().create(new PluginConfig("redis-rdb", Map.of()));
  }

  /** Runs before the base class destroys the hosts. */
  @AfterEach
  void closeClients() {
    client.shutdown();
    withoutPersistence.close();
  }

  @Test
  void rdbRestoresWithAndWithoutTheAppendOnlyFile() throws Exception {
    assertThat(support().strategies(datastore.versions().getFirst()))
        .containsExactly("redis-rdb", "volume-snapshot");
    assertThat(strategy.datastores()).contains(datastore.name());
    InstanceContext source = running("rdb-src-" + suffix);
    String expected;
    try (StatefulRedisConnection<String, String> connection = connect(source)) {
      RedisCommands<String, String> commands = connection.sync();
      Map<String, String> batch = new LinkedHashMap<>();
      java.util.Random random = new java.util.Random(42);
      for (int index = 0; index < KEYS; index++) {
        batch.put(String.format("k:%05d", index), randomHex(random, 160));
        if (batch.size() == 1000) {
          commands.mset(batch);
          batch.clear();
        }
      }
      for (int index = 0; index < 500; index++) {
        commands.hset("h", "f" + index, "value " + index);
      }
      commands.rpush("l", "a", "b", "c");
      expected = digest(commands);
    }

    FileBackup backup = backup(source, temporaryDirectory.resolve("dump.rdb"));
    Path file = backup.file();
    BackupResult result = backup.result();
    assertThat(Files.size(file)).isGreaterThan(2_000_000);
    assertThat(result.metadata())
        .containsEntry("format", "rdb")
        .containsEntry("bytes", Long.toString(Files.size(file)))
        .containsEntry("server-version", source.version().number())
        .containsKey("rdb-version");
    byte[] head = new byte[5];
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(in.readNBytes(head, 0, 5)).isEqualTo(5);
    }
    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("REDIS");
    byte[] all = Files.readAllBytes(file);
    assertThat(all[all.length - 9] & 0xFF)
        .as("ends with EOF opcode and checksum, no mark")
        .isEqualTo(0xFF);
    try (StatefulRedisConnection<String, String> connection = connect(source)) {
      connection.sync().set("after", "the backup");
    }

    assertThat(strategy.restoreNotices(List.of(backup.part())))
        .singleElement()
        .asString()
        .contains("holds no ACL users");

    // AOF on (the default): the restored RDB must become the AOF base, also across a restart.
    InstanceContext aof = instance("rdb-aof-" + suffix);
    aof.host()
        .writeFile(HostDirectory.DATA, "appendonlydir/appendonly.aof.9.incr.aof", new byte[1]);
    long started = System.nanoTime();
    restore(datastore, aof, result, file);
    long restoreMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(PreparedMarker.isPrepared(aof.host())).isTrue();
    assertThat(digestOf(aof)).isEqualTo(expected);
    datastore.lifecycle().stop(aof);
    datastore.lifecycle().start(aof);
    assertThat(digestOf(aof)).isEqualTo(expected);

    // AOF off and save "": dump.rdb is loaded at start all the same.
    InstanceContext plain = instance("rdb-raw-" + suffix);
    restore(withoutPersistence, plain, result, file);
    assertThat(digestOf(plain)).isEqualTo(expected);
    System.out.printf(
        "redis-rdb: %d bytes, %d keys, backup %d ms, restore+adopt+start %d ms%n",
        Files.size(file), KEYS + 2, backup.millis(), restoreMillis);

    for (InstanceContext instance : List.of(source, aof, plain)) {
      datastore.lifecycle().stop(instance);
    }
    assertNoSecretOnCommandLines();
  }

  @Test
  void aStreamThatIsNoRdbIsRefusedAndNothingIsAdopted() {
    InstanceContext target = instance("rdb-bad-" + suffix);
    BackupSupport support = support();
    RestorePart garbage =
        part(
            "bk-bad",
            Map.of(),
            () -> new ByteArrayInputStream("not an rdb at all".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> restore(target, List.of(garbage)))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(RedisRdbErrorCode.RDB_INVALID)).isTrue());
    assertThatThrownBy(() -> support.restored(target))
        .isInstanceOf(StewardException.class)
        .hasMessageContaining("no RDB file");
    assertThat(PreparedMarker.isPrepared(target.host())).isFalse();
  }

  private void restore(Datastore target, InstanceContext instance, BackupResult result, Path file) {
    BackupSupport support = target.backups().orElseThrow();
    strategy.restore(
        new RestoreRequest(
            instance,
            support.tools(instance),
            List.of(
                part(
                    "bk-1",
                    result.metadata(),
                    () -> {
                      try {
                        return Files.newInputStream(file);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }))));
    support.restored(instance);
    target.lifecycle().start(instance);
  }

  private static String randomHex(java.util.Random random, int bytes) {
    byte[] value = new byte[bytes / 2];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }

  private String digestOf(InstanceContext instance) throws Exception {
    try (StatefulRedisConnection<String, String> connection = connect(instance)) {
      return digest(connection.sync());
    }
  }

  /** Key count and SHA-256 over every key and value (strings, the hash, the list), sorted. */
  private static String digest(RedisCommands<String, String> commands) throws Exception {
    List<String> keys = new ArrayList<>();
    ScanIterator.scan(commands, ScanArgs.Builder.limit(1000)).forEachRemaining(keys::add);
    keys.sort(null);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<String> strings = keys.stream().filter(key -> key.startsWith("k:")).toList();
    for (int from = 0; from < strings.size(); from += 1000) {
      List<String> slice = strings.subList(from, Math.min(from + 1000, strings.size()));
      for (KeyValue<String, String> value : commands.mget(slice.toArray(String[]::new))) {
        sha.update(
            (value.getKey() + "=" + value.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    sha.update(new TreeMap<>(commands.hgetall("h")).toString().getBytes(StandardCharsets.UTF_8));
    sha.update(commands.lrange("l", 0, -1).toString().getBytes(StandardCharsets.UTF_8));
    return commands.dbsize() + ":" + HexFormat.of().formatHex(sha.digest());
  }

  private StatefulRedisConnection<String, String> connect(InstanceContext instance) {
    return client.connect(
        RedisURI.builder()
            .withHost(instance.host().address().getHostAddress())
            .withPort(6379)
            .withAuthentication("steward_admin", adminPassword.reveal())
            .build());
  }

  private interface Opener {
    InputStream open();
  }

  private static RestorePart part(String id, Map<String, String> metadata, Opener opener) {
    return RestoreParts.of(id, metadata, () -> opener.open());
  }
}
