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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Short-lived Lettuce connections to an instance's server as Steward's ACL user {@code
 * steward_admin}, over TCP to {@code host.address():6379}, and the mapping of Lettuce's exceptions
 * to Steward's error codes. One {@link RedisClient} (its event loops) is shared by every instance;
 * each unit of work opens its own connection and closes it. Thread-safe.
 *
 * <p>Credentials travel only inside the AUTH of the connection handshake (RESP2, {@code AUTH user
 * password}); ACL passwords only as hashes. Messages of Redis errors are cut before the first
 * quote, where Redis echoes a command's arguments.
 */
final class EngineConnections {
  /** Redis errors meaning "not now": loading a data set, busy script, replica without primary. */
  private static final Set<String> UNAVAILABLE_PREFIXES =
      Set.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN");

  private static final Set<String> AUTHENTICATION_PREFIXES = Set.of("WRONGPASS", "NOAUTH");

  private final RedisClient client;
  private final Duration commandTimeout;

  EngineConnections(Duration commandTimeout) {
    this.commandTimeout = requireNonNull(commandTimeout, "commandTimeout is null");
    this.client = RedisClient.create();
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .protocolVersion(ProtocolVersion.RESP2)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
            .build());
  }

  /** A unit of work on an open connection. */
  @FunctionalInterface
  interface RedisWork<T> {
    T run(RedisCommands<String, String> commands);
  }

  /**
   * Runs {@code work} on a new admin connection and closes it; failures become {@link
   * StewardException}s naming {@code action}.
   */
  <T> T withAdmin(InstanceContext instance, String action, RedisWork<T> work) {
    try (StatefulRedisConnection<String, String> connection = openAdmin(instance, commandTimeout)) {
      return work.run(connection.sync());
    } catch (RedisException e) {
      throw translate(e, action);
    }
  }

  /** Opens a connection as the administrator; the caller closes it. */
  StatefulRedisConnection<String, String> openAdmin(InstanceContext instance, Duration timeout) {
    return open(instance.host().address(), Names.ADMIN_USER, instance.adminPassword(), timeout);
  }

  /** Opens a connection as any user to logical database 0; the caller closes it. */
  StatefulRedisConnection<String, String> open(
      InetAddress address, String user, Secret password, Duration timeout) {
    RedisURI uri =
        RedisURI.builder()
            .withHost(address.getHostAddress())
            .withPort(RedisDatastore.PORT)
            .withAuthentication(user, password.reveal())
            .withTimeout(timeout)
            .withDatabase(0)
            .build();
    return client.connect(StringCodec.UTF8, uri);
  }

  /** {@code ACL <arguments...>} answered by a status reply such as OK. */
  static String acl(RedisCommands<String, String> commands, List<String> arguments) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
    arguments.forEach(args::add);
    return commands.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args);
  }

  /** {@code ACL SETUSER name rules...}, then {@code ACL SAVE} so a restart keeps the change. */
  static void setUserAndSave(
      RedisCommands<String, String> commands, String name, List<String> rules) {
    acl(commands, setUserArguments(name, rules));
    commands.aclSave();
  }

  static List<String> setUserArguments(String name, List<String> rules) {
    List<String> arguments = new ArrayList<>(List.of("SETUSER", name));
    arguments.addAll(rules);
    return List.copyOf(arguments);
  }

  /**
   * Maps a Lettuce failure. No connection, a server still loading its data set or a timed-out
   * connect is a retryable {@code ENGINE_UNAVAILABLE}; a command timeout a retryable {@code
   * TIMEOUT}; rejected admin credentials {@code ADMIN_AUTHENTICATION_FAILED}.
   */
  static StewardException translate(RedisException e, String action) {
    return new StewardException(code(e), action + " failed: " + describe(e), e);
  }

  static ErrorCodeSupplier code(RedisException e) {
    if (e instanceof RedisCommandTimeoutException) {
      return StandardErrorCode.TIMEOUT;
    }
    String reply = serverReply(e);
    if (startsWithAny(reply, AUTHENTICATION_PREFIXES)) {
      return RedisErrorCode.ADMIN_AUTHENTICATION_FAILED;
    }
    if (startsWithAny(reply, UNAVAILABLE_PREFIXES)) {
      return StandardErrorCode.ENGINE_UNAVAILABLE;
    }
    if (e instanceof RedisConnectionException || causedByIo(e)) {
      return StandardErrorCode.ENGINE_UNAVAILABLE;
    }
    if (e instanceof RedisCommandExecutionException) {
      return RedisErrorCode.COMMAND_FAILED;
    }
    // Lettuce's own failures: closed connection, rejected while disconnected.
    return StandardErrorCode.ENGINE_UNAVAILABLE;
  }

  /** The server's error reply (the first one in the cause chain), or empty. */
  static String serverReply(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RedisCommandExecutionException && cause.getMessage() != null) {
        return cause.getMessage();
      }
    }
    return "";
  }

  /** A message safe to show: Redis's reply cut before any echoed argument, else Lettuce's. */
  static String describe(RedisException e) {
    String reply = serverReply(e);
    if (!reply.isEmpty()) {
      return withoutArguments(reply);
    }
    return withoutArguments(String.valueOf(e.getMessage()));
  }

  /** The text up to the first quote (Redis quotes the arguments it repeats), at most 200 chars. */
  static String withoutArguments(String message) {
    int quote = message.indexOf('\'');
    String cut = quote >= 0 ? message.substring(0, quote).strip() : message.strip();
    return cut.length() > 200 ? cut.substring(0, 200) + "..." : cut;
  }

  private static boolean startsWithAny(String reply, Set<String> prefixes) {
    for (String prefix : prefixes) {
      if (reply.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
