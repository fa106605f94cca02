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
package dev.steward.datastore.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;

/**
 * Short-lived driver clients to an instance's mongod, as Steward's administrator {@code
 * steward_admin} (authenticated against the {@code admin} database), over TCP to {@code
 * host.address():27017} with a direct connection; and the mapping of driver failures to Steward's
 * error codes. Thread-safe and stateless.
 *
 * <p>The password exists only inside the {@link MongoCredential}; the driver never logs it and
 * redacts {@code createUser}/{@code updateUser} in its command log.
 */
final class EngineClients {
  /** How often a waiting probe lets the driver retry a refused connection. */
  static final Duration PROBE_HEARTBEAT = Duration.ofMillis(50);

  /** Server error codes meaning "the server is going away or not ready": retry later. */
  private static final Set<Integer> UNAVAILABLE_CODES =
      Set.of(91, 189, 10107, 11600, 11602, 13435, 13436);

  private final Duration commandTimeout;

  EngineClients(Duration commandTimeout) {
    this.commandTimeout = requireNonNull(commandTimeout, "commandTimeout is null");
  }

  /** A unit of work on an open client. */
  @FunctionalInterface
  interface Work<T> {
    T run(MongoClient client);
  }

  /**
   * Runs {@code work} on a new administrator client and closes it; driver failures become {@link
   * StewardException}s naming {@code action}.
   */
  <T> T withAdmin(InstanceContext instance, String action, Work<T> work) {
    try (MongoClient client =
        MongoClients.create(
            settings(
                instance.host().address(),
                Optional.of(adminCredential(instance.adminPassword())),
                commandTimeout))) {
      return work.run(client);
    } catch (MongoException e) {
      throw translate(e, action);
    }
  }

  /** Runs a command on a database and returns the server's reply. */
  static BsonDocument run(MongoClient client, String database, BsonDocument command) {
    return client.getDatabase(database).runCommand(command, BsonDocument.class);
  }

  /** Runs a command on the {@code admin} database. */
  static BsonDocument runOnAdmin(MongoClient client, BsonDocument command) {
    return run(client, Names.AUTH_DATABASE, command);
  }

  /** Steward's administrator, authenticated against {@code admin} with SCRAM-SHA-256. */
  static MongoCredential adminCredential(Secret password) {
    return MongoCredential.createScramSha256Credential(
        Names.ADMIN_USER, Names.AUTH_DATABASE, password.reveal().toCharArray());
  }

  /**
   * A direct connection to {@code address:27017}: server selection, connect and read all bounded by
   * {@code timeout}; no retries (each caller decides), the driver's monitor retrying every {@link
   * #PROBE_HEARTBEAT} while a command waits for the server.
   */
  static MongoClientSettings settings(
      InetAddress address, Optional<MongoCredential> credential, Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    MongoClientSettings.Builder builder =
        MongoClientSettings.builder()
            .applicationName("steward")
            .retryReads(false)
            .retryWrites(false)
            .applyToClusterSettings(cluster ->
                cluster
                    .hosts(List.of(new ServerAddress(address, ServerConfiguration.PORT)))
                    .mode(ClusterConnectionMode.SINGLE)
                    .serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
            .applyToServerSettings(server ->
                server.minHeartbeatFrequency(PROBE_HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS))
            .applyToSocketSettings(socket ->
                socket
                    .connectTimeout(
                        (int) Math.min(millis, Integer.MAX_VALUE), TimeUnit.MILLISECONDS)
                    .readTimeout((int) Math.min(millis, Integer.MAX_VALUE), TimeUnit.MILLISECONDS))
            .applyToConnectionPoolSettings(pool -> pool.maxSize(2));
    credential.ifPresent(builder::credential);
    return builder.build();
  }

  /**
   * Maps a driver failure: no server, a refused connection or a server shutting down is a retryable
   * {@code ENGINE_UNAVAILABLE}; the message holds the server's error, never a command document.
   */
  static StewardException translate(MongoException e, String action) {
    return new StewardException(code(e), action + " failed: " + describe(e), e);
  }

  static ErrorCodeSupplier code(MongoException e) {
    if (e instanceof MongoOperationTimeoutException) {
      return StandardErrorCode.TIMEOUT;
    }
    if (e instanceof MongoSecurityException) {
      return causedByNetwork(e)
          ? StandardErrorCode.ENGINE_UNAVAILABLE
          : MongodbErrorCode.ADMIN_AUTHENTICATION_FAILED;
    }
    if (e instanceof MongoTimeoutException
        || e instanceof MongoSocketException
        || e instanceof MongoNotPrimaryException
        || e instanceof MongoNodeIsRecoveringException) {
      return StandardErrorCode.ENGINE_UNAVAILABLE;
    }
    if (e instanceof MongoServerException server) {
      return serverCode(server.getCode());
    }
    return MongodbErrorCode.COMMAND_FAILED;
  }

  /** A server error code (MongoDB's {@code error_codes.yml}) as a Steward code. */
  static ErrorCodeSupplier serverCode(int code) {
    if (UNAVAILABLE_CODES.contains(code)) {
      return StandardErrorCode.ENGINE_UNAVAILABLE;
    }
    return switch (code) {
      // UserNotFound, NamespaceNotFound
      case 11, 26 -> StandardErrorCode.NOT_FOUND;
      // NamespaceExists, DuplicateKey, DatabaseDifferCase, "User already exists"
      case 48, 11000, 13297, 51003 -> StandardErrorCode.ALREADY_EXISTS;
      // InvalidNamespace
      case 73 -> StandardErrorCode.INVALID_NAME;
      // BadValue, FailedToParse
      case 2, 9 -> StandardErrorCode.INVALID_ARGUMENT;
      // MaxTimeMSExpired
      case 50 -> StandardErrorCode.TIMEOUT;
      // Unauthorized, AuthenticationFailed
      case 13, 18 -> MongodbErrorCode.ADMIN_AUTHENTICATION_FAILED;
      default -> MongodbErrorCode.COMMAND_FAILED;
    };
  }

  /** Whether a failure is the server's error with this code. */
  static boolean hasCode(MongoException e, int code) {
    return e instanceof MongoCommandException command && command.getErrorCode() == code;
  }

  private static String describe(MongoException e) {
    if (e instanceof MongoServerException server) {
      String name = server.getErrorCodeName() == null ? "" : " " + server.getErrorCodeName();
      String message =
          e instanceof MongoCommandException command ? command.getErrorMessage() : e.getMessage();
      return "MongoDB error " + server.getCode() + name + ": " + message;
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static boolean causedByNetwork(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof MongoSocketException || cause instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }
}
