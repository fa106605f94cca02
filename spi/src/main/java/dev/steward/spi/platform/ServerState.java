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

import java.util.OptionalLong;

/**
 * What the platform knows about a host's server process.
 *
 * @param running whether the process is alive (a zombie counts as dead)
 * @param pid the process id while running
 * @param restarts how many times the platform restarted it after an unexpected exit
 */
public record ServerState(boolean running, OptionalLong pid, int restarts) {
  public ServerState {
    java.util.Objects.requireNonNull(pid, "pid is null");
    if (running != pid.isPresent()) {
      throw new IllegalArgumentException("a pid is known exactly while the server runs");
    }
    if (restarts < 0) {
      throw new IllegalArgumentException("restarts is negative");
    }
  }

  public static ServerState stopped(int restarts) {
    return new ServerState(false, OptionalLong.empty(), restarts);
  }
}
