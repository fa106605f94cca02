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

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One instance's machine as seen by its datastore module: its own address, its directories, its
 * commands and its one server process.
 *
 * <p>Who calls: datastore modules, from core's operation workers (virtual threads) and from request
 * threads for reads; several threads may use one host at once, but core runs at most one mutating
 * operation per instance at a time. Methods block until done. Failures are {@link
 * dev.steward.spi.StewardException}s: {@code BINARY_NOT_FOUND} when a program is not installed,
 * {@code TIMEOUT} (retryable) when a command overruns, {@code PLATFORM_FAILURE} for anything the
 * platform itself could not do. A non-zero exit code is not an exception: see {@link
 * CommandResult#requireSuccess()}.
 */
public interface Host {
  /** The instance this host serves. */
  String instanceId();

  /**
   * The instance's own address. The engine listens on its standard port there; clients connect to
   * it. On the local platform it is a loopback address (127.x.y.z) no other instance uses.
   */
  InetAddress address();

  /** The OS user the engine's processes run as. */
  String serviceUser();

  /** An existing directory of the instance (see {@link HostDirectory}). */
  Path directory(HostDirectory directory);

  /** Runs a command to completion and returns its exit code and captured output. */
  CommandResult run(Command command);

  /**
   * Starts a command whose standard output and input are streams (backup and restore tools), with
   * the same argument, environment, secret and user rules as {@link #run}; the command's {@code
   * stdin} bytes, if any, are ignored. Called by backup strategies on the operation's worker
   * thread. A platform that cannot stream answers NOT_SUPPORTED.
   */
  default RunningCommand start(Command command) {
    throw new dev.steward.spi.StewardException(
        dev.steward.spi.StandardErrorCode.NOT_SUPPORTED,
        "This platform cannot stream command input and output");
  }

  /**
   * Writes a file atomically (write, fsync, rename) with mode 0600, owned by the service user.
   *
   * @param name a relative path inside the directory, without {@code ..}
   */
  void writeFile(HostDirectory directory, String name, byte[] content);

  /**
   * A volume snapshot as a stream: a crash-consistent tar of the instance's data directory on the
   * returned command's standard output, taken while the server cannot change it. On the local
   * platform the server's process group is frozen (SIGSTOP) until the command is awaited or closed,
   * and thawed by a restarted control plane if it died meanwhile; on OpenStack it would read a
   * Cinder snapshot. Called by the volume-snapshot backup strategy on a worker thread.
   */
  default RunningCommand snapshotData() {
    throw new dev.steward.spi.StewardException(
        dev.steward.spi.StandardErrorCode.NOT_SUPPORTED,
        "This platform cannot snapshot an instance's volume");
  }

  /**
   * Replaces the data directory's contents with the tar stream written to the returned command's
   * standard input (files owned by the service user). The server must not run (INVALID_STATE).
   */
  default RunningCommand restoreData() {
    throw new dev.steward.spi.StewardException(
        dev.steward.spi.StandardErrorCode.NOT_SUPPORTED,
        "This platform cannot restore an instance's volume");
  }

  /** Reads a file, or empty when it does not exist. */
  Optional<byte[]> readFile(HostDirectory directory, String name);

  /** Deletes a file; does nothing when it does not exist. Same name rules as {@link #writeFile}. */
  void deleteFile(HostDirectory directory, String name);

  /** Removes everything inside a directory, keeping the directory itself. */
  void clear(HostDirectory directory);

  /**
   * Starts the server process and supervises it from then on (restart after an unexpected exit,
   * re-adoption after the control plane restarts). Returns once the process is spawned; readiness
   * is the datastore's to check. Idempotent: when a server is already running for this host it is
   * kept and nothing new is started, so a host never runs two servers.
   */
  void startServer(ServerSpec spec);

  /**
   * Stops the server with its stop signal, waits for it to exit (SIGKILL after its stop timeout)
   * and stops supervising it. Idempotent.
   */
  void stopServer();

  /** The server process's current state. */
  ServerState serverState();
}
