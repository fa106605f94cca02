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

import static java.util.Objects.requireNonNull;

import dev.steward.platform.local.HostMetadata.ProcessIdentity;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.ServerState;
import dev.steward.spi.platform.StopSignal;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one server process of a host: spawns it detached ({@code setsid}, no parent-death signal, so
 * it outlives the control plane), records its pid and start time, stops it with its stop signal,
 * and is asked by the platform's supervisor thread to restart it after an unexpected exit, with
 * exponential back-off. Callers: the host's methods (operation workers) and the supervisor; all
 * state changes happen under one lock.
 */
final class ManagedServer {
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAXIMUM_BACKOFF = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(ManagedServer.class.getName());
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  private final ReentrantLock lock = new ReentrantLock();
  private final MetadataFile metadata;
  private final ServiceUser serviceUser;
  private final Path workingDirectory;
  private final Path logFile;
  // Guarded by lock.
  private Optional<Process> child = Optional.empty();
  private Duration backoff = INITIAL_BACKOFF;
  private Optional<Instant> restartDue = Optional.empty();
  private Instant startedAt = Instant.now();
  private volatile boolean retired;

  ManagedServer(
      MetadataFile metadata, ServiceUser serviceUser, Path workingDirectory, Path logFile) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.serviceUser = requireNonNull(serviceUser, "serviceUser is null");
    this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
    this.logFile = requireNonNull(logFile, "logFile is null");
    // A control plane that died during a volume snapshot left its server frozen: thaw it.
    freeze(false);
  }

  /**
   * Freezes (SIGSTOP) or thaws (SIGCONT) the server's whole process group (it is a session and
   * group leader: setsid); nothing when no server runs. A volume snapshot freezes it while the data
   * directory is copied.
   */
  void freeze(boolean frozen) {
    Optional<ProcessIdentity> process = metadata.current().serverProcess();
    if (alive(process)) {
      signalGroup(process.get().pid(), frozen ? "STOP" : "CONT");
    }
  }

  private static void signalGroup(long pid, String signal) {
    kill(-pid, signal);
  }

  void start(ServerSpec spec) {
    lock.lock();
    try {
      requireNotRetired();
      HostMetadata current = metadata.current();
      if (alive(current.serverProcess())) {
        // Already running (maybe adopted from a previous control plane): keep it.
        metadata.update(recorded -> recorded.withServer(spec, true));
        return;
      }
      metadata.update(recorded -> recorded.withServer(spec, true));
      killOrphans();
      spawn(spec, 0);
      backoff = INITIAL_BACKOFF;
      restartDue = Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  void stop() {
    lock.lock();
    try {
      HostMetadata current = metadata.update(recorded -> recorded.withServerWanted(false));
      restartDue = Optional.empty();
      if (current.serverProcess().isPresent()) {
        ProcessIdentity process = current.serverProcess().get();
        Optional<ServerSpec> spec = current.serverSpec();
        terminate(
            process,
            spec.map(ServerSpec::stopSignal).orElse(StopSignal.TERM),
            spec.map(ServerSpec::stopTimeout).orElse(DEFAULT_STOP_TIMEOUT));
        metadata.update(recorded -> recorded.withServerProcess(Optional.empty()));
      }
      child = Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  ServerState state() {
    HostMetadata current = metadata.current();
    Optional<ProcessIdentity> process = current.serverProcess();
    if (alive(process)) {
      return new ServerState(true, OptionalLong.of(process.get().pid()), current.restarts());
    }
    return ServerState.stopped(current.restarts());
  }

  /**
   * Called by the supervisor every interval: restarts a server that should run but is dead, after
   * the current back-off. Never blocks on a host busy with a start or stop.
   */
  void supervise(Instant now) {
    if (!lock.tryLock()) {
      return;
    }
    try {
      HostMetadata current = metadata.current();
      if (retired || !current.serverWanted() || current.serverSpec().isEmpty()) {
        return;
      }
      if (alive(current.serverProcess())) {
        if (Duration.between(startedAt, now).compareTo(MAXIMUM_BACKOFF) >= 0) {
          backoff = INITIAL_BACKOFF;
        }
        return;
      }
      if (restartDue.isEmpty()) {
        // The disk has the last word: another control plane may have stopped, restarted or
        // destroyed this server since we last looked.
        Optional<HostMetadata> onDisk = metadata.reload();
        if (onDisk.isEmpty()) {
          retired = true;
          return;
        }
        if (!onDisk.get().serverWanted() || alive(onDisk.get().serverProcess())) {
          return;
        }
        restartDue = Optional.of(now.plus(backoff));
        LOG.log(
            Level.WARNING,
            "Server of instance {0} is not running; restarting in {1}",
            current.instanceId(),
            backoff);
        return;
      }
      if (now.isBefore(restartDue.get())) {
        return;
      }
      backoff = min(backoff.multipliedBy(2), MAXIMUM_BACKOFF);
      restartDue = Optional.empty();
      try {
        killOrphans();
        spawn(current.serverSpec().get(), 1);
      } catch (StewardException e) {
        restartDue = Optional.of(now.plus(backoff));
        LOG.log(
            Level.WARNING,
            "Restarting the server of instance " + current.instanceId() + " failed",
            e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the server for good (the host is being destroyed) and kills everything left in its
   * session or working below {@code instanceDirectory}. The supervisor leaves it alone afterwards.
   */
  void retire(Path instanceDirectory) {
    lock.lock();
    try {
      Optional<ProcessIdentity> last = metadata.current().serverProcess();
      stop();
      retired = true;
      last.ifPresent(process -> killAndWait(ProcessTable.sessionMembers(process.pid())));
      killProcessesUnder(instanceDirectory);
    } finally {
      lock.unlock();
    }
  }

  /** SIGKILLs every process whose working directory is {@code directory} or below it. */
  static void killProcessesUnder(Path directory) {
    killAndWait(ProcessTable.withWorkingDirectoryUnder(directory));
  }

  /** True once the host was destroyed; the platform then forgets it. */
  boolean retired() {
    return retired;
  }

  /** Spawns the server and records it, adding {@code restarted} to the restart count at once. */
  private void spawn(ServerSpec spec, int restarted) {
    List<String> arguments = new ArrayList<>(spec.arguments());
    Optional<String> path =
        Optional.ofNullable(spec.environment().get("PATH"))
            .or(() -> Optional.ofNullable(System.getenv("PATH")));
    arguments.set(
        0,
        Programs.resolve(serviceUser, true, arguments.getFirst(), path, workingDirectory)
            .toString());
    // setsid: a session of its own, so that signals to the control plane's process group (Ctrl-C)
    // do not reach the server. util-linux setsid execs without forking because a child of the JVM
    // is not a process group leader, so the pid we record is the server's. env restores the
    // default action of the stop signals: a control plane started in the background by a shell
    // ignores SIGINT and SIGQUIT, and an ignored signal would be inherited through exec.
    List<String> commandLine = new ArrayList<>();
    commandLine.add("setsid");
    commandLine.add("env");
    commandLine.add("--default-signal=HUP,INT,QUIT,TERM");
    commandLine.add("--");
    commandLine.addAll(serviceUser.wrap(arguments));
    ProcessBuilder builder = new ProcessBuilder(commandLine);
    ProcessEnvironment.reset(builder.environment(), new InstanceLayout(workingDirectory));
    builder.environment().putAll(spec.environment());
    builder.directory(workingDirectory.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(prepareLogFile()));
    String instanceId = metadata.current().instanceId();
    LOG.log(Level.DEBUG, "Instance {0}: starting server {1}", instanceId, commandLine);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw Programs.notFound(commandLine.getFirst());
    }
    // If it exited at once its start time is unknown: record -1, which the supervisor sees as dead.
    long startTime = ProcessTable.startTime(process.pid()).orElse(-1);
    child = Optional.of(process);
    startedAt = Instant.now();
    metadata.update(recorded ->
        recorded
            .withServer(spec, true)
            .withServerProcess(Optional.of(new ProcessIdentity(process.pid(), startTime)))
            .withRestarts(recorded.restarts() + restarted));
    LOG.log(
        Level.INFO,
        "Instance {0}: server started, pid {1}",
        instanceId,
        Long.toString(process.pid()));
  }

  private File prepareLogFile() {
    try {
      if (!Files.exists(logFile)) {
        Files.createFile(logFile, PosixFilePermissions.asFileAttribute(SafeFiles.OWNER_READ_WRITE));
        serviceUser.own(logFile);
      }
      return logFile.toFile();
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE,
          "Cannot create the server log " + logFile + ": " + e,
          e);
    }
  }

  private boolean alive(Optional<ProcessIdentity> process) {
    if (process.isEmpty()) {
      return false;
    }
    ProcessIdentity identity = process.get();
    Optional<Process> own = ownChild(identity);
    if (own.isPresent()) {
      return own.get().isAlive();
    }
    return ProcessTable.alive(identity.pid(), identity.startTime());
  }

  private Optional<Process> ownChild(ProcessIdentity identity) {
    return child.filter(process -> process.pid() == identity.pid());
  }

  private void terminate(ProcessIdentity process, StopSignal signal, Duration timeout) {
    if (!alive(Optional.of(process))) {
      return;
    }
    LOG.log(
        Level.INFO, "Stopping server pid {0} with SIG{1}", Long.toString(process.pid()), signal);
    send(process, signal);
    if (!awaitExit(process, timeout)) {
      LOG.log(
          Level.WARNING,
          "Server pid {0} did not stop within {1}; killing it",
          Long.toString(process.pid()),
          timeout);
      killAndWait(List.of(process.pid()));
    }
    // Children a server forked (and that did not go down with it) share its session.
    killAndWait(ProcessTable.sessionMembers(process.pid()));
    if (alive(Optional.of(process))) {
      throw new StewardException(
          LocalPlatformErrorCode.SERVER_DID_NOT_STOP,
          "Server pid " + process.pid() + " is still alive after SIGKILL");
    }
  }

  private void send(ProcessIdentity process, StopSignal signal) {
    switch (signal) {
      case TERM -> handle(process).ifPresent(ProcessHandle::destroy);
      case INT, QUIT -> kill(process.pid(), signal.name());
    }
  }

  private Optional<ProcessHandle> handle(ProcessIdentity process) {
    Optional<Process> own = ownChild(process);
    if (own.isPresent()) {
      return Optional.of(own.get().toHandle());
    }
    if (!ProcessTable.alive(process.pid(), process.startTime())) {
      return Optional.empty();
    }
    return ProcessHandle.of(process.pid());
  }

  private static void kill(long pid, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal, "--", Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      throw Programs.notFound("kill");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Interrupted while stopping", e);
    }
  }

  private boolean awaitExit(ProcessIdentity process, Duration timeout) {
    Optional<Process> own = ownChild(process);
    try {
      if (own.isPresent()) {
        return own.get().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (ProcessTable.alive(process.pid(), process.startTime())) {
        if (System.nanoTime() >= deadline) {
          return false;
        }
        Thread.sleep(20);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Interrupted while stopping", e);
    }
  }

  /** SIGKILLs the given live processes (identified now by start time) and waits until gone. */
  private static void killAndWait(List<Long> pids) {
    List<ProcessIdentity> targets = new ArrayList<>();
    for (long pid : pids) {
      ProcessTable.startTime(pid).ifPresent(start -> targets.add(new ProcessIdentity(pid, start)));
    }
    for (ProcessIdentity target : targets) {
      if (ProcessTable.alive(target.pid(), target.startTime())) {
        ProcessHandle.of(target.pid()).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    long deadline = System.nanoTime() + KILL_WAIT.toNanos();
    for (ProcessIdentity target : targets) {
      while (ProcessTable.alive(target.pid(), target.startTime()) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Kills server processes of this host that no record points to: session leaders working in the
   * instance directory, left behind when the control plane died between spawning and recording.
   */
  private void killOrphans() {
    List<Long> orphans = new ArrayList<>();
    for (long pid : ProcessTable.withWorkingDirectoryUnder(workingDirectory)) {
      boolean sessionLeader =
          ProcessTable.stat(pid).map(stat -> stat.session() == pid).orElse(false);
      if (sessionLeader && isWorkingDirectoryExactly(pid)) {
        orphans.add(pid);
      }
    }
    if (!orphans.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "Killing unrecorded server processes {0} in {1}",
          orphans,
          workingDirectory);
      killAndWait(orphans);
    }
  }

  private boolean isWorkingDirectoryExactly(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"))
          .equals(workingDirectory);
    } catch (IOException e) {
      return false;
    }
  }

  private void requireNotRetired() {
    if (retired) {
      throw new StewardException(StandardErrorCode.INVALID_STATE, "The host has been destroyed");
    }
  }

  private static Duration min(Duration first, Duration second) {
    return first.compareTo(second) <= 0 ? first : second;
  }
}
