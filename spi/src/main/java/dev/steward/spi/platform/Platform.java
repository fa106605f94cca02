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
package dev.steward.spi.platform;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where instances run: provisions and destroys hosts, offers flavors and an object store.
 *
 * <p>Created once at boot by its {@link PlatformFactory}; its methods are called by core's
 * operation workers (virtual threads), concurrently for different instances, never concurrently for
 * the same instance. Every method is idempotent, because a step may run again after the control
 * plane crashed in the middle of it.
 */
public interface Platform extends AutoCloseable {
  /** The flavors instances can be created with. */
  List<Flavor> flavors();

  /**
   * Provisions the host for an instance: address, directories, volume. When a host for this
   * instance exists already (a repeated step), returns it unchanged.
   */
  Host provision(HostRequest request);

  /**
   * The host of an instance provisioned earlier, also by a previous run of the control plane
   * (re-adoption: a server that was left running is supervised again, one that died while the
   * control plane was down is restarted). Empty when the instance has no host.
   */
  Optional<Host> find(String instanceId);

  /**
   * Stops the host's processes and removes everything it held: processes, directories, address.
   * Does nothing when the host does not exist.
   */
  void destroy(String instanceId);

  /** The ids of every instance this platform currently holds a host for. */
  Set<String> hostIds();

  /** Durable storage for backups and other large objects. */
  ObjectStore objectStore();

  /**
   * Releases the platform's own threads and handles. Server processes keep running: databases do
   * not go down because the control plane restarts.
   */
  @Override
  void close();
}
