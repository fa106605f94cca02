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
package dev.steward.platform.local;

import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.StopSignal;
import java.nio.file.Path;

/**
 * A throw-away control plane for {@link ControlPlaneRestartTest}: provisions a host, starts its
 * server, prints the pid and exits, so that the server outlives the JVM that spawned it.
 */
public final class ControlPlaneMain {
  private ControlPlaneMain() {}

  public static void main(String[] arguments) throws Exception {
    Path temporary = Path.of(arguments[0]);
    LocalPlatform platform = LocalPlatform.start(TestPlatforms.config(temporary, arguments[1]));
    Host host = platform.provision(TestPlatforms.request(arguments[2]));
    host.startServer(ServerSupervisionTest.httpServer(host, StopSignal.INT));
    System.out.println(ServerSupervisionTest.awaitServing(host));
    platform.close();
    System.exit(0);
  }
}
