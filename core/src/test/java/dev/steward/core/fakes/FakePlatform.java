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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Flavor;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.ObjectStore;
import dev.steward.spi.platform.Platform;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform in memory: hosts are {@link FakeHost}s below a temporary directory, each with its own
 * 127.77.x.y address (never contacted), objects are files of a {@link DirectoryObjectStore}. {@code
 * provision} and {@code destroy} pass the shared {@link Faults} under those names.
 */
public final class FakePlatform implements Platform {
  public static final String NAME = "fake";

  /** Flavor 1 is the default one. */
  public static final List<Flavor> FLAVORS =
      List.of(new Flavor("1", "small", 512, 1, 10), new Flavor("2", "large", 2048, 2, 40));

  private final Path root;
  private final Faults faults;
  private final DirectoryObjectStore objects;
  private final Map<String, FakeHost> hosts = new ConcurrentHashMap<>();
  private final AtomicInteger addresses = new AtomicInteger();
  private final AtomicInteger provisions = new AtomicInteger();

  public FakePlatform(Path root, Faults faults) {
    this.root = requireNonNull(root, "root is null");
    this.faults = requireNonNull(faults, "faults is null");
    this.objects = new DirectoryObjectStore(root.resolve("objects"));
  }

  @Override
  public List<Flavor> flavors() {
    return FLAVORS;
  }

  @Override
  public Host provision(HostRequest request) {
    faults.check("provision");
    return hosts.computeIfAbsent(
        request.instanceId(),
        id -> {
          provisions.incrementAndGet();
          return new FakeHost(id, nextAddress(), root.resolve("hosts").resolve(id), faults);
        });
  }

  @Override
  public Optional<Host> find(String instanceId) {
    return Optional.ofNullable(hosts.get(instanceId));
  }

  /** The host of an instance, which must exist. */
  public FakeHost host(String instanceId) {
    FakeHost host = hosts.get(instanceId);
    if (host == null) {
      throw new AssertionError("instance " + instanceId + " has no fake host");
    }
    return host;
  }

  @Override
  public void destroy(String instanceId) {
    faults.check("destroy");
    FakeHost host = hosts.remove(instanceId);
    if (host != null) {
      host.remove();
    }
  }

  /** Drops a host without the platform being asked: what a lost machine looks like. */
  public void lose(String instanceId) {
    FakeHost host = hosts.remove(instanceId);
    if (host != null) {
      host.remove();
    }
  }

  @Override
  public Set<String> hostIds() {
    return Set.copyOf(hosts.keySet());
  }

  /** How many hosts were ever provisioned (a repeated provision of one host counts once). */
  public int provisions() {
    return provisions.get();
  }

  @Override
  public ObjectStore objectStore() {
    return objects;
  }

  /** The object store as its directory-backed self, to look at or damage stored objects. */
  public DirectoryObjectStore objects() {
    return objects;
  }

  @Override
  public void close() {}

  private InetAddress nextAddress() {
    int n = addresses.incrementAndGet();
    try {
      return InetAddress.getByAddress(new byte[] {127, 77, (byte) (n >> 8), (byte) n});
    } catch (UnknownHostException e) {
      throw new StewardException(StandardErrorCode.PLATFORM_CAPACITY, "no address left");
    }
  }
}
