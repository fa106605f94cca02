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
package dev.steward.datastore.redis;

import dev.steward.spi.Secret;
import dev.steward.tck.EngineClient;
import dev.steward.tck.TckEnvironment;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the TCK on the local platform with Redis's own client (Lettuce) for the checks, logged in as
 * the given user ({@code AUTH user password}). Redis has no databases: the TCK's database argument
 * names a key, {@code tck:<database>}, in logical database 0.
 */
public final class RedisTckEnvironment
    implements TckEnvironment, EngineClient, dev.steward.tck.BackupDataSet {
  /** One client (its event loops) for every check of the test run. */
  private static final RedisClient CLIENT = newClient();

  @Override
  public String datastore() {
    return "redis";
  }

  @Override
  public Map<String, String> properties(Path dataDirectory) {
    return Map.of(
        "local.base-dir", dataDirectory.resolve("i").toString(), "local.address-prefix", "127.87");
  }

  @Override
  public EngineClient client() {
    return this;
  }

  @Override
  public java.util.Optional<dev.steward.tck.BackupDataSet> backupData() {
    return java.util.Optional.of(this);
  }

  /** Keys {@code bk:t<k>:<n>} (four groups) of 1 KB values derived from n and the seed. */
  @Override
  public void write(
      InetSocketAddress endpoint, String user, Secret password, long bytes, int seed) {
    try (StatefulRedisConnection<String, String> connection = connect(endpoint, user, password)) {
      RedisCommands<String, String> commands = connection.sync();
      long perGroup = Math.max(1, bytes / 1024 / 4);
      for (int group = 0; group < 4; group++) {
        long first = commands.keys("bk:t" + group + ":*").size() + 1L;
        Map<String, String> batch = new java.util.HashMap<>();
        for (long n = first; n < first + perGroup; n++) {
          batch.put("bk:t" + group + ":" + n, value(n, seed));
          if (batch.size() == 200) {
            commands.mset(batch);
            batch.clear();
          }
        }
        if (!batch.isEmpty()) {
          commands.mset(batch);
        }
      }
    }
  }

  private static String value(long n, int seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(n * 31 + seed);
    StringBuilder value = new StringBuilder(1040);
    while (value.length() < 1024) {
      value.append(Long.toHexString(random.nextLong()));
    }
    return value.substring(0, 1024);
  }

  /** Per group: key count and a CRC32 sum over every key and value. */
  @Override
  public String fingerprint(InetSocketAddress endpoint, String user, Secret password) {
    StringBuilder fingerprint = new StringBuilder();
    try (StatefulRedisConnection<String, String> connection = connect(endpoint, user, password)) {
      RedisCommands<String, String> commands = connection.sync();
      for (int group = 0; group < 4; group++) {
        java.util.List<String> keys = commands.keys("bk:t" + group + ":*");
        long sum = 0;
        for (int i = 0; i < keys.size(); i += 500) {
          java.util.List<String> slice = keys.subList(i, Math.min(keys.size(), i + 500));
          for (io.lettuce.core.KeyValue<String, String> entry :
              commands.mget(slice.toArray(String[]::new))) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update((entry.getKey() + "=" + entry.getValueOrElse("")).getBytes());
            sum += crc.getValue();
          }
        }
        fingerprint.append("t").append(group).append('=').append(keys.size()).append(':');
        fingerprint.append(sum).append(';');
      }
    }
    return fingerprint.toString();
  }

  static String key(String database) {
    return "tck:" + database;
  }

  @Override
  public String writeAndRead(
      InetSocketAddress endpoint, String user, Secret password, String database, String value) {
    try (StatefulRedisConnection<String, String> connection = connect(endpoint, user, password)) {
      RedisCommands<String, String> commands = connection.sync();
      commands.set(key(database), value);
      return commands.get(key(database));
    }
  }

  /** True when the user can log in and finds the value an earlier write left. */
  @Override
  public boolean canRead(
      InetSocketAddress endpoint, String user, Secret password, String database) {
    try (StatefulRedisConnection<String, String> connection = connect(endpoint, user, password)) {
      return connection.sync().get(key(database)) != null;
    } catch (RedisConnectionException | RedisCommandExecutionException e) {
      if (refused(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean canLogin(InetSocketAddress endpoint, String user, Secret password) {
    try (StatefulRedisConnection<String, String> connection = connect(endpoint, user, password)) {
      return "PONG".equals(connection.sync().ping());
    } catch (RedisConnectionException | RedisCommandExecutionException e) {
      if (refused(e)) {
        return false;
      }
      throw e;
    }
  }

  static StatefulRedisConnection<String, String> connect(
      InetSocketAddress endpoint, String user, Secret password) {
    return withHandshakeRetry(() -> connectOnce(endpoint, user, password));
  }

  /** Opens a connection, retrying only Lettuce's own channel set-up race (see below). */
  static StatefulRedisConnection<String, String> withHandshakeRetry(
      java.util.function.Supplier<StatefulRedisConnection<String, String>> open) {
    // Lettuce occasionally fails a fresh connection with "RedisHandshakeHandler not registered"
    // (a client-side race in channel set-up, seen once in the first runs of this suite); a refusal
    // by the server
    // (WRONGPASS, NOAUTH, NOPERM) is never retried, so no answer of the engine is hidden.
    for (int attempt = 1; ; attempt++) {
      try {
        return open.get();
      } catch (RedisConnectionException e) {
        if (refused(e) || attempt == 3 || !handshakeRace(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean handshakeRace(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains("RedisHandshakeHandler not registered")) {
        return true;
      }
    }
    return false;
  }

  private static StatefulRedisConnection<String, String> connectOnce(
      InetSocketAddress endpoint, String user, Secret password) {
    return CLIENT.connect(
        RedisURI.builder()
            .withHost(endpoint.getHostString())
            .withPort(endpoint.getPort())
            .withAuthentication(user, password.reveal())
            .withTimeout(Duration.ofSeconds(10))
            .build());
  }

  /** WRONGPASS (bad password, unknown or disabled user), NOAUTH or NOPERM. */
  static boolean refused(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof RedisCommandExecutionException
          && (message.startsWith("WRONGPASS")
              || message.startsWith("NOAUTH")
              || message.startsWith("NOPERM"))) {
        return true;
      }
    }
    return false;
  }

  private static RedisClient newClient() {
    RedisClient client = RedisClient.create();
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .protocolVersion(ProtocolVersion.RESP2)
            .build());
    return client;
  }
}
