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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.RunningCommand;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.ServerState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * One instance's host on this machine: a directory tree under the base directory, a loopback
 * address, commands run as the instance's service user and one supervised server process. Created
 * by {@link LocalPlatform}; used by datastore modules from operation workers and request threads
 * (see {@link Host} for the threading contract).
 */
final class LocalHost implements Host {
  private final MetadataFile metadata;
  private final InstanceLayout layout;
  private final ServiceUser serviceUser;
  private final CommandRunner runner;
  private final ManagedServer server;

  LocalHost(MetadataFile metadata, InstanceLayout layout, ServiceUser serviceUser) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.layout = requireNonNull(layout, "layout is null");
    this.serviceUser = requireNonNull(serviceUser, "serviceUser is null");
    this.runner = new CommandRunner(serviceUser);
    this.server =
        new ManagedServer(
            metadata,
            serviceUser,
            layout.instanceDirectory(),
            layout.directory(HostDirectory.LOG).resolve("server.log"));
  }

  ManagedServer server() {
    return server;
  }

  InstanceLayout layout() {
    return layout;
  }

  @Override
  public String instanceId() {
    return metadata.current().instanceId();
  }

  @Override
  public InetAddress address() {
    return metadata.current().address();
  }

  @Override
  public String serviceUser() {
    return serviceUser.name();
  }

  @Override
  public Path directory(HostDirectory directory) {
    return layout.directory(directory);
  }

  @Override
  public CommandResult run(Command command) {
    return runner.run(instanceId(), layout.instanceDirectory(), command);
  }

  @Override
  public RunningCommand start(Command command) {
    return runner.start(instanceId(), layout.instanceDirectory(), command);
  }

  /** tar of the data directory while the server's process group is frozen (see {@link Host}). */
  @Override
  public RunningCommand snapshotData() {
    Path data = layout.directory(HostDirectory.DATA);
    server.freeze(true);
    try {
      return thawingAfter(
          runner.start(
              instanceId(),
              layout.instanceDirectory(),
              Command.of("tar", "-C", data.toString(), "-cf", "-", ".")
                  .withTimeout(Duration.ofHours(12))));
    } catch (RuntimeException e) {
      server.freeze(false);
      throw e;
    }
  }

  @Override
  public RunningCommand restoreData() {
    if (server.state().running()) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          "The data of instance " + instanceId() + " cannot be replaced while its server runs");
    }
    clear(HostDirectory.DATA);
    return runner.start(
        instanceId(),
        layout.instanceDirectory(),
        Command.of(
                "tar",
                "-C",
                layout.directory(HostDirectory.DATA).toString(),
                "--no-same-owner",
                "-xf",
                "-")
            .withTimeout(Duration.ofHours(12))
            .asServiceUser());
  }

  private RunningCommand thawingAfter(RunningCommand tar) {
    return new RunningCommand() {
      @Override
      public InputStream stdout() {
        return tar.stdout();
      }

      @Override
      public OutputStream stdin() {
        return tar.stdin();
      }

      @Override
      public CommandResult await() {
        try {
          return tar.await();
        } finally {
          server.freeze(false);
        }
      }

      @Override
      public void close() {
        try {
          tar.close();
        } finally {
          server.freeze(false);
        }
      }
    };
  }

  @Override
  public void writeFile(HostDirectory directory, String name, byte[] content) {
    Path root = layout.directory(directory);
    Path target = SafeFiles.resolveInside(root, name);
    SafeFiles.requireNoSymbolicLinks(root, target);
    try {
      createParents(root, target.getParent());
      SafeFiles.writeAtomically(target, content, serviceUser::own);
    } catch (IOException e) {
      throw failure("Cannot write " + target, e);
    }
  }

  @Override
  public Optional<byte[]> readFile(HostDirectory directory, String name) {
    Path root = layout.directory(directory);
    Path target = SafeFiles.resolveInside(root, name);
    SafeFiles.requireNoSymbolicLinks(root, target);
    try (InputStream input =
        Files.newInputStream(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(input.readAllBytes());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("Cannot read " + target, e);
    }
  }

  @Override
  public void deleteFile(HostDirectory directory, String name) {
    Path root = layout.directory(directory);
    Path target = SafeFiles.resolveInside(root, name);
    SafeFiles.requireNoSymbolicLinks(root, target);
    try {
      if (Files.deleteIfExists(target)) {
        SafeFiles.syncDirectory(target.getParent());
      }
    } catch (IOException e) {
      throw failure("Cannot delete " + target, e);
    }
  }

  @Override
  public void clear(HostDirectory directory) {
    Path root = layout.directory(directory);
    try {
      SafeFiles.deleteContents(root);
    } catch (IOException e) {
      throw failure("Cannot clear " + root, e);
    }
  }

  @Override
  public void startServer(ServerSpec spec) {
    server.start(spec);
  }

  @Override
  public void stopServer() {
    server.stop();
  }

  @Override
  public ServerState serverState() {
    return server.state();
  }

  @Override
  public String toString() {
    return "LocalHost[" + instanceId() + " at " + address().getHostAddress() + "]";
  }

  private void createParents(Path root, Path parent) throws IOException {
    if (parent.equals(root) || Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    createParents(root, parent.getParent());
    Files.createDirectory(parent);
    Files.setPosixFilePermissions(parent, SafeFiles.OWNER_ONLY);
    serviceUser.own(parent);
  }

  private static StewardException failure(String message, IOException cause) {
    return new StewardException(StandardErrorCode.PLATFORM_FAILURE, message + ": " + cause, cause);
  }
}
