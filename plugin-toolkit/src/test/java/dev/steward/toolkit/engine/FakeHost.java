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

import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.ServerState;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A host in memory: files in maps, a server that "runs" between start and stop, and a journal of
 * every call the lifecycle makes, in order.
 */
public final class FakeHost implements Host {
  final List<String> journal = new ArrayList<>();
  private final Map<String, byte[]> files = new HashMap<>();
  private boolean running;
  int exitCode;

  void record(String event) {
    journal.add(event);
  }

  @Override
  public String instanceId() {
    return "instance-1";
  }

  @Override
  public InetAddress address() {
    return InetAddress.getLoopbackAddress();
  }

  @Override
  public String serviceUser() {
    return "steward";
  }

  @Override
  public Path directory(HostDirectory directory) {
    return Path.of("/fake", directory.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public CommandResult run(Command command) {
    record("run " + command.program());
    return new CommandResult(command.program(), exitCode, "", "failed");
  }

  @Override
  public void writeFile(HostDirectory directory, String name, byte[] content) {
    record("write " + directory + "/" + name);
    files.put(directory + "/" + name, content.clone());
  }

  @Override
  public Optional<byte[]> readFile(HostDirectory directory, String name) {
    return Optional.ofNullable(files.get(directory + "/" + name)).map(byte[]::clone);
  }

  @Override
  public void deleteFile(HostDirectory directory, String name) {
    record("delete " + directory + "/" + name);
    files.remove(directory + "/" + name);
  }

  @Override
  public void clear(HostDirectory directory) {
    record("clear " + directory);
    files.keySet().removeIf(key -> key.startsWith(directory + "/"));
  }

  @Override
  public void startServer(ServerSpec spec) {
    record("startServer " + spec.arguments().getFirst());
    running = true;
  }

  @Override
  public void stopServer() {
    record("stopServer");
    running = false;
  }

  @Override
  public ServerState serverState() {
    if (running) {
      return new ServerState(true, OptionalLong.of(42), 0);
    }
    return ServerState.stopped(0);
  }
}
