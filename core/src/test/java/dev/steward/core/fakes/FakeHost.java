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

import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.ServerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A host whose directories are folders of a test's temporary directory and whose "server" is a
 * flag: {@link #startServer} sets it, {@link #stopServer} clears it. Commands are recorded and
 * succeed without running anything. Calls pass the shared {@link Faults} as {@code startServer},
 * {@code stopServer} and {@code run}.
 */
public final class FakeHost implements Host {
  private final String instanceId;
  private final InetAddress address;
  private final Path root;
  private final Faults faults;
  private final List<Command> commands = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private volatile int starts;

  FakeHost(String instanceId, InetAddress address, Path root, Faults faults) {
    this.instanceId = requireNonNull(instanceId, "instanceId is null");
    this.address = requireNonNull(address, "address is null");
    this.root = requireNonNull(root, "root is null");
    this.faults = requireNonNull(faults, "faults is null");
    for (HostDirectory directory : HostDirectory.values()) {
      createDirectories(directory(directory));
    }
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public InetAddress address() {
    return address;
  }

  @Override
  public String serviceUser() {
    return "steward-fake";
  }

  @Override
  public Path directory(HostDirectory directory) {
    return root.resolve(directory.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public CommandResult run(Command command) {
    faults.check("run");
    commands.add(command);
    return new CommandResult(command.program(), 0, "", "");
  }

  /** The commands run on this host, in order. */
  public List<Command> commands() {
    return List.copyOf(commands);
  }

  @Override
  public void writeFile(HostDirectory directory, String name, byte[] content) {
    try {
      Path file = directory(directory).resolve(name);
      createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<byte[]> readFile(HostDirectory directory, String name) {
    Path file = directory(directory).resolve(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void deleteFile(HostDirectory directory, String name) {
    try {
      Files.deleteIfExists(directory(directory).resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void clear(HostDirectory directory) {
    Path folder = directory(directory);
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!file.equals(folder)) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void startServer(ServerSpec spec) {
    faults.check("startServer");
    if (!running) {
      running = true;
      starts++;
    }
  }

  @Override
  public void stopServer() {
    faults.check("stopServer");
    running = false;
  }

  @Override
  public ServerState serverState() {
    return running ? new ServerState(true, OptionalLong.of(4242), 0) : ServerState.stopped(0);
  }

  /** Whether the "server" runs. */
  public boolean serverRunning() {
    return running;
  }

  /** How often a server was started on this host. */
  public int serverStarts() {
    return starts;
  }

  /** Removes the host's folder: the platform destroyed it. */
  void remove() {
    running = false;
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createDirectories(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
