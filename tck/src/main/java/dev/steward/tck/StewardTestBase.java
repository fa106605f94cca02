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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.Steward;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationState;
import dev.steward.spi.Capability;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Boots a real Steward (real platform, real engine) for one test class and tears everything down
 * afterwards: every instance the class created is deleted and the data directory removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StewardTestBase {
  protected static final Duration TIMEOUT = Duration.ofMinutes(3);

  protected final String tenant = "tck-" + UUID.randomUUID().toString().substring(0, 8);
  protected Path dataDirectory;
  protected Steward steward;

  private TckEnvironment environment;

  /**
   * The engine module's environment: by default the one the subclass names with {@link Tck},
   * created once per test class.
   */
  protected TckEnvironment environment() {
    if (environment == null) {
      environment = environmentOf(getClass());
    }
    return environment;
  }

  private static TckEnvironment environmentOf(Class<?> suite) {
    Tck tck = suite.getAnnotation(Tck.class);
    if (tck == null) {
      throw new IllegalStateException(
          suite.getName()
              + " names no TCK environment: annotate it with @Tck(YourTckEnvironment.class)"
              + " or override environment()");
    }
    try {
      Constructor<? extends TckEnvironment> constructor = tck.value().getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          suite.getName()
              + ": cannot create its TCK environment "
              + tck.value().getName()
              + " through a no-argument constructor",
          e);
    }
  }

  @BeforeAll
  void bootSteward() throws IOException {
    dataDirectory = Files.createTempDirectory("stw");
    // The engine's service user must be able to pass through to its instance directories.
    Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx--x--x"));
    steward = boot();
  }

  @AfterAll
  void shutDown() throws IOException {
    try {
      try {
        for (Instance instance : steward.instances().list(tenant, 1000, Optional.empty())) {
          deleteQuietly(instance);
        }
      } finally {
        steward.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dataDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private void deleteQuietly(Instance instance) {
    try {
      Instance settled =
          steward
              .instances()
              .await(
                  tenant,
                  instance.id(),
                  Set.of(InstanceState.ACTIVE, InstanceState.ERROR),
                  TIMEOUT);
      Operation delete = steward.instances().delete(tenant, settled.id());
      steward.operations().await(delete.id(), TIMEOUT);
    } catch (StewardException e) {
      System.err.println("TCK cleanup could not delete " + instance.id() + ": " + e);
    }
  }

  /** Starts a Steward over this class's data directory (again, to simulate a restart). */
  protected Steward boot() {
    Map<String, String> properties = new HashMap<>(environment().properties(dataDirectory));
    properties.put("steward.data-dir", dataDirectory.toString());
    properties.put("steward.datastores", environment().datastore());
    properties.putIfAbsent("steward.node-id", "tck-node");
    properties.putAll(extraProperties());
    return Steward.builder().properties(properties).start();
  }

  /** Properties a suite adds to every boot (after the environment's). */
  protected Map<String, String> extraProperties() {
    return Map.of();
  }

  protected EngineClient client() {
    return environment().client();
  }

  protected DatastoreVersion defaultVersion() {
    return steward.catalog().datastore(environment().datastore()).versions().getFirst();
  }

  protected boolean declares(Capability capability) {
    return steward
        .catalog()
        .datastore(environment().datastore())
        .capabilities()
        .get(defaultVersion().name())
        .contains(capability);
  }

  protected CreateInstanceRequest request(String name) {
    return CreateInstanceRequest.named(tenant, name, environment().datastore());
  }

  /**
   * A create request with a database {@code appdb} and a user {@code appuser} granted it, as far as
   * the engine declares databases, users and access.
   */
  protected CreateInstanceRequest withDatabaseAndUser(String name, Secret password) {
    CreateInstanceRequest request = request(name);
    if (declares(Capability.DATABASES)) {
      request = request.withDatabases(List.of(DatabaseSpec.named("appdb")));
    }
    if (declares(Capability.USERS)) {
      List<String> access = declares(Capability.USER_ACCESS) ? List.of("appdb") : List.of();
      request = request.withUsers(List.of(new UserSpec(UserRef.of("appuser"), password, access)));
    }
    return request;
  }

  /** Creates an instance and waits until it is ACTIVE. */
  protected Instance createActive(CreateInstanceRequest request) {
    Instance created = steward.instances().create(request);
    assertThat(created.state()).isEqualTo(InstanceState.BUILDING);
    Operation operation =
        steward.operations().await(created.activeOperation().orElseThrow(), TIMEOUT);
    assertThat(operation.state())
        .as("create failed: %s", operation.errorMessage().orElse(""))
        .isEqualTo(OperationState.SUCCEEDED);
    Instance instance = steward.instances().get(tenant, created.id());
    assertThat(instance.state()).isEqualTo(InstanceState.ACTIVE);
    return instance;
  }

  protected void succeed(Operation operation) {
    steward.operations().awaitSuccess(operation.id(), TIMEOUT);
  }

  protected InetSocketAddress endpoint(Instance instance) {
    int port = steward.catalog().datastore(environment().datastore()).port();
    return new InetSocketAddress(instance.address().orElseThrow(), port);
  }

  /** Asserts that the call fails with the given code. */
  protected static void assertFails(ErrorCodeSupplier code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StewardException.class,
            e ->
                assertThat(e.errorCode())
                    .as("error code of: %s", e.getMessage())
                    .isEqualTo(code.toErrorCode()));
  }

  /** The operations recorded for an instance (to prove a refused request left no trace). */
  protected List<Operation> operationsOf(Instance instance) {
    return steward.operations().forInstance(instance.id());
  }
}
