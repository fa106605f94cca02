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

/**
 * The directories every host gives an instance. All are owned by the service user the engine runs
 * as, with mode 0700, and all are removed when the host is destroyed.
 */
public enum HostDirectory {
  /** The volume: the engine's data directory lives here. Its size is the instance's volume. */
  DATA,
  /** Engine configuration files and option files holding secrets (mode 0600). */
  CONFIG,
  /** Engine and tool logs. */
  LOG,
  /** Unix sockets, pid files and other runtime state; short path, under 100 bytes. */
  RUN,
  /** Scratch space for tools; emptied when the host is destroyed. */
  TMP,
}
