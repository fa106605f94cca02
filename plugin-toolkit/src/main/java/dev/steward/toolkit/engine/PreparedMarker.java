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
package dev.steward.toolkit.engine;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import java.nio.charset.StandardCharsets;

/**
 * The marker that makes {@link EngineLifecycle#prepare} idempotent: written last, in the host's
 * CONFIG directory, once everything prepare does is durable. A prepare that finds it does nothing;
 * one that does not find it must redo an interrupted attempt from scratch; start refuses to run
 * without it. Called by datastore modules on operation workers.
 */
public final class PreparedMarker {
  /** The marker's file name in {@link HostDirectory#CONFIG}. */
  public static final String FILE_NAME = "prepared";

  private PreparedMarker() {}

  /** Whether a previous prepare of this host completed. */
  public static boolean isPrepared(Host host) {
    return host.readFile(HostDirectory.CONFIG, FILE_NAME).isPresent();
  }

  /** Records that prepare completed (the engine version it prepared, for diagnosis). */
  public static void markPrepared(InstanceContext instance) {
    instance
        .host()
        .writeFile(
            HostDirectory.CONFIG,
            FILE_NAME,
            (instance.version().number() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Fails with {@code INVALID_STATE} when the instance was never prepared. */
  public static void requirePrepared(InstanceContext instance) {
    if (!isPrepared(instance.host())) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          "Instance " + instance.instanceId() + " is not prepared; cannot start its server");
    }
  }
}
