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
package dev.steward.core.fakes;

import dev.steward.core.Steward;
import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupState;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.spi.StewardPlugin;
import dev.steward.spi.platform.HostDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A real {@link Steward} — its injector, services, operation engine and store — on the fakes: the
 * {@link FakePlatform}, the {@link FakeDatastore} and the {@link FakeStrategy}s, over an in-memory
 * H2 store, with a fast poll and retry back-off. The test holds the fakes and their shared {@link
 * Faults}; {@link #startAnotherNode} boots a second control plane on the same store and fakes.
 */
public final class FakeSteward implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final String key = UUID.randomUUID().toString();
  private final String storeUrl = MemoryStore.newUrl();
  private final Faults faults = new Faults();
  private final FakePlatform platform;
  private final FakeDatastore datastore;
  private final Map<String, String> properties;
  private final URLClassLoader loader;
  private final List<Steward> nodes = new ArrayList<>();

  private FakeSteward(Path directory, List<String> strategies, Map<String, String> extra) {
    platform = new FakePlatform(directory.resolve("platform"), faults);
    datastore = new FakeDatastore(faults, strategies);
    Map<String, FakeStrategy> byName = new HashMap<>();
    strategies.forEach(name -> byName.put(name, FakeStrategy.named(name, faults)));
    FakePlugin.register(key, new FakePlugin.Fakes(platform, datastore, byName));
    properties = new LinkedHashMap<>();
    properties.put("steward.datastores", FakeDatastore.NAME);
    properties.put("steward.platform", FakePlatform.NAME);
    properties.put("steward.data-dir", directory.resolve("steward").toString());
    properties.put("steward.store.url", storeUrl);
    properties.put("steward.poll-interval", "10ms");
    properties.put("steward.retry-backoff", "5ms");
    properties.put("steward.max-attempts", "3");
    properties.put("steward.workers", "4");
    properties.put("steward.backup.chunk-size", "64KB");
    properties.put("steward.backup.strategies", String.join(",", strategies));
    properties.put(FakePlatform.NAME + ".key", key);
    properties.put(FakeDatastore.NAME + ".key", key);
    strategies.forEach(name -> properties.put(name + ".key", key));
    properties.putAll(extra);
    loader = pluginLoader(directory.resolve("plugin"));
  }

  /** Steward on the fakes with the logical and the physical fake strategy, dump the default. */
  public static FakeSteward start(Path directory) {
    return start(directory, Map.of());
  }

  /** As {@link #start(Path)} with more properties ({@code quota.instances}, …). */
  public static FakeSteward start(Path directory, Map<String, String> properties) {
    return start(directory, List.of(FakeStrategy.DUMP, FakeStrategy.COPY), properties);
  }

  /** Steward on the fakes whose datastore lists {@code strategies} (default first), all enabled. */
  public static FakeSteward start(
      Path directory, List<String> strategies, Map<String, String> properties) {
    FakeSteward fakes = new FakeSteward(directory, strategies, properties);
    try {
      fakes.startAnotherNode();
    } catch (RuntimeException e) {
      fakes.close();
      throw e;
    }
    return fakes;
  }

  /** Boots one more control plane on the same store, fakes and data directory. */
  public Steward startAnotherNode() {
    Steward node = Steward.builder().properties(properties).classLoader(loader).start();
    nodes.add(node);
    return node;
  }

  /** The first control plane. */
  public Steward steward() {
    return nodes.getFirst();
  }

  public Faults faults() {
    return faults;
  }

  public FakePlatform platform() {
    return platform;
  }

  public FakeDatastore datastore() {
    return datastore;
  }

  /** The store's JDBC URL, to open another {@code Store} on it. */
  public String storeUrl() {
    return storeUrl;
  }

  /** Creates an instance with the defaults and waits until it is ACTIVE. */
  public Instance createActive(String tenantId, String name) {
    return awaitActive(tenantId, create(tenantId, name).id());
  }

  /** As {@link #createActive(String, String)}, then sets its engine data. */
  public Instance createActive(String tenantId, String name, byte[] data) {
    Instance active = createActive(tenantId, name);
    writeData(active.id(), data);
    return active;
  }

  /** Waits until the operation SUCCEEDED (its coded error otherwise) and returns it. */
  public Operation awaitSuccess(Operation operation) {
    return steward().operations().awaitSuccess(operation.id(), WAIT);
  }

  /** Requests an instance with the defaults, without waiting for it. */
  public Instance create(String tenantId, String name) {
    return steward()
        .instances()
        .create(CreateInstanceRequest.named(tenantId, name, FakeDatastore.NAME));
  }

  /** Waits until the instance is idle and ACTIVE (INVALID_STATE when it ended in ERROR). */
  public Instance awaitActive(String tenantId, String instanceId) {
    return steward().instances().await(tenantId, instanceId, Set.of(InstanceState.ACTIVE), WAIT);
  }

  /**
   * Backs up {@code source} (an increment of {@code parentId} when given) and waits until the
   * backup is COMPLETED and the source is ACTIVE again.
   */
  public Backup backUp(
      String tenantId,
      Instance source,
      String name,
      Optional<String> description,
      Optional<String> parentId) {
    Backup created = steward().backups().create(tenantId, source.id(), name, description, parentId);
    Backup completed =
        steward().backups().await(tenantId, created.id(), Set.of(BackupState.COMPLETED), WAIT);
    awaitActive(tenantId, source.id());
    return completed;
  }

  /** Sets the engine data of an instance (what the fake strategies back up). */
  public void writeData(String instanceId, byte[] data) {
    platform.host(instanceId).writeFile(HostDirectory.DATA, FakeDatastore.DATA_FILE, data);
  }

  /** The engine data of an instance. */
  public byte[] data(String instanceId) {
    return platform
        .host(instanceId)
        .readFile(HostDirectory.DATA, FakeDatastore.DATA_FILE)
        .orElseThrow(() -> new AssertionError("instance " + instanceId + " has no data file"));
  }

  /** Closes every node (newest first), forgets the fakes and drops the store. */
  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    nodes.clear();
    FakePlugin.unregister(key);
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MemoryStore.drop(storeUrl);
  }

  private static URLClassLoader pluginLoader(Path directory) {
    Path services = directory.resolve("META-INF/services/" + StewardPlugin.class.getName());
    try {
      Files.createDirectories(services.getParent());
      Files.writeString(services, FakePlugin.class.getName() + "\n");
      return new URLClassLoader(
          new URL[] {directory.toUri().toURL()}, FakeSteward.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
