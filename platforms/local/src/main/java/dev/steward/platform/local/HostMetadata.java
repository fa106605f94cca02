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

import dev.steward.spi.StewardException;
import dev.steward.spi.platform.Resources;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the platform persists about one host in {@code <instance dir>/host.properties}, the single
 * source of truth that lets a restarted control plane find and re-adopt the host. Written
 * atomically; owned by the control plane's user (not the service user, who must not be able to
 * point it at another process).
 *
 * @param serverSpec the last server specification given to {@code startServer}
 * @param serverWanted the desired state: true when the server should be running
 * @param serverProcess the last spawned server process
 * @param restarts how often the supervisor restarted the server
 */
record HostMetadata(
    String instanceId,
    InetAddress address,
    String datastore,
    Resources resources,
    String serviceUser,
    Optional<ServerSpec> serverSpec,
    boolean serverWanted,
    Optional<ProcessIdentity> serverProcess,
    int restarts) {
  static final String FILE_NAME = "host.properties";

  private static final String ARGUMENT = "server.argument.";
  private static final String ENVIRONMENT = "server.environment.";

  /** A process: its pid and its start time, which tells it apart from a later owner of the pid. */
  record ProcessIdentity(long pid, long startTime) {}

  HostMetadata {
    requireNonNull(instanceId, "instanceId is null");
    requireNonNull(address, "address is null");
    requireNonNull(datastore, "datastore is null");
    requireNonNull(resources, "resources is null");
    requireNonNull(serviceUser, "serviceUser is null");
    requireNonNull(serverSpec, "serverSpec is null");
    requireNonNull(serverProcess, "serverProcess is null");
  }

  HostMetadata withServer(ServerSpec spec, boolean wanted) {
    return new HostMetadata(
        instanceId,
        address,
        datastore,
        resources,
        serviceUser,
        Optional.of(spec),
        wanted,
        serverProcess,
        restarts);
  }

  HostMetadata withServerWanted(boolean wanted) {
    return new HostMetadata(
        instanceId,
        address,
        datastore,
        resources,
        serviceUser,
        serverSpec,
        wanted,
        serverProcess,
        restarts);
  }

  HostMetadata withServerProcess(Optional<ProcessIdentity> process) {
    return new HostMetadata(
        instanceId,
        address,
        datastore,
        resources,
        serviceUser,
        serverSpec,
        serverWanted,
        process,
        restarts);
  }

  HostMetadata withRestarts(int count) {
    return new HostMetadata(
        instanceId,
        address,
        datastore,
        resources,
        serviceUser,
        serverSpec,
        serverWanted,
        serverProcess,
        count);
  }

  byte[] toBytes() {
    Map<String, String> values = new TreeMap<>();
    values.put("instance-id", instanceId);
    values.put("address", address.getHostAddress());
    values.put("datastore", datastore);
    values.put("resources.ram-mb", Integer.toString(resources.ramMb()));
    values.put("resources.vcpus", Integer.toString(resources.vcpus()));
    values.put("resources.volume-gb", Integer.toString(resources.volumeGb()));
    values.put("service-user", serviceUser);
    values.put("server.desired-state", serverWanted ? "running" : "stopped");
    values.put("server.restarts", Integer.toString(restarts));
    serverSpec.ifPresent(spec -> {
      for (int index = 0; index < spec.arguments().size(); index++) {
        values.put(ARGUMENT + index, spec.arguments().get(index));
      }
      spec.environment().forEach((name, value) -> values.put(ENVIRONMENT + name, value));
      values.put("server.stop-signal", spec.stopSignal().name());
      values.put("server.stop-timeout", spec.stopTimeout().toString());
    });
    serverProcess.ifPresent(process -> {
      values.put("server.pid", Long.toString(process.pid()));
      values.put("server.start-time", Long.toString(process.startTime()));
    });
    Properties properties = new Properties();
    properties.putAll(values);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      properties.store(writer, "Steward local platform host; written by the control plane");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static HostMetadata read(Path file) {
    Properties properties = new Properties();
    try (InputStream input = Files.newInputStream(file)) {
      properties.load(new InputStreamReader(input, StandardCharsets.UTF_8));
      return fromProperties(properties);
    } catch (IOException | RuntimeException e) {
      throw new StewardException(
          LocalPlatformErrorCode.HOST_METADATA_INVALID,
          "Cannot read host metadata " + file + ": " + e.getMessage(),
          e);
    }
  }

  private static HostMetadata fromProperties(Properties properties) throws UnknownHostException {
    Optional<ServerSpec> spec = Optional.empty();
    if (properties.getProperty(ARGUMENT + 0) != null) {
      List<String> arguments = new ArrayList<>();
      for (int index = 0; properties.getProperty(ARGUMENT + index) != null; index++) {
        arguments.add(properties.getProperty(ARGUMENT + index));
      }
      Map<String, String> environment = new TreeMap<>();
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith(ENVIRONMENT)) {
          environment.put(key.substring(ENVIRONMENT.length()), properties.getProperty(key));
        }
      }
      spec =
          Optional.of(
              new ServerSpec(
                  arguments,
                  environment,
                  StopSignal.valueOf(required(properties, "server.stop-signal")),
                  Duration.parse(required(properties, "server.stop-timeout"))));
    }
    Optional<ProcessIdentity> process = Optional.empty();
    if (properties.getProperty("server.pid") != null) {
      process =
          Optional.of(
              new ProcessIdentity(
                  Long.parseLong(required(properties, "server.pid")),
                  Long.parseLong(required(properties, "server.start-time"))));
    }
    return new HostMetadata(
        required(properties, "instance-id"),
        InetAddress.getByName(required(properties, "address")),
        required(properties, "datastore"),
        new Resources(
            Integer.parseInt(required(properties, "resources.ram-mb")),
            Integer.parseInt(required(properties, "resources.vcpus")),
            Integer.parseInt(required(properties, "resources.volume-gb"))),
        required(properties, "service-user"),
        spec,
        required(properties, "server.desired-state").equals("running"),
        process,
        Integer.parseInt(properties.getProperty("server.restarts", "0")));
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return value;
  }
}
