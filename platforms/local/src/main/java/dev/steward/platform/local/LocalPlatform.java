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
import dev.steward.spi.platform.Flavor;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.HostRequest;
import dev.steward.spi.platform.ObjectStore;
import dev.steward.spi.platform.Platform;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The embedded default platform: engines run as supervised child processes of this machine, one
 * loopback address and one directory tree per instance, a filesystem object store.
 *
 * <p>Created once by {@link LocalPlatformFactory} at boot, which also loads every host found under
 * the base directory and supervises their servers again (re-adoption after a control-plane
 * restart). One supervisor virtual thread checks every server each {@code supervise-interval}.
 * Methods are called by core's operation workers, concurrently for different instances; all are
 * idempotent. The state of record is on disk ({@code host.properties}), so several control-plane
 * processes may provision under one base directory; only one should supervise it at a time.
 */
public final class LocalPlatform implements Platform {
  private static final System.Logger LOG = System.getLogger(LocalPlatform.class.getName());
  private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  // PostgreSQL's socket is the longest name an engine puts in the run directory; sun_path holds
  // 108 bytes and we keep a margin.
  private static final String LONGEST_SOCKET_NAME = ".s.PGSQL.5432";
  private static final int SOCKET_PATH_BUDGET = 100;

  private final LocalPlatformConfig config;
  private final Map<String, ServiceUser> serviceUsers = new ConcurrentHashMap<>();
  private final AddressPool addresses;
  private final FilesystemObjectStore objectStore;
  private final Map<String, LocalHost> hosts = new ConcurrentHashMap<>();
  private final Thread supervisor;
  private volatile boolean closed;

  private LocalPlatform(LocalPlatformConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.addresses = new AddressPool(config.addressPrefix());
    this.objectStore = new FilesystemObjectStore(config.objectStoreDirectory());
    SafeFiles.createDirectoryIfMissing(config.baseDirectory(), SafeFiles.TRAVERSABLE);
    loadHosts();
    this.supervisor =
        Thread.ofVirtual().name("steward-local-supervisor").unstarted(this::superviseLoop);
  }

  /** Creates the platform, re-adopts existing hosts and starts the supervisor. */
  public static LocalPlatform start(LocalPlatformConfig config) {
    LocalPlatform platform = new LocalPlatform(config);
    platform.supervisor.start();
    return platform;
  }

  @Override
  public List<Flavor> flavors() {
    return config.flavors();
  }

  @Override
  @SuppressWarnings("try") // The lock is held by the try block; its variable is not used.
  public Host provision(HostRequest request) {
    String instanceId = request.instanceId();
    requireValidInstanceId(instanceId);
    Optional<Host> existing = find(instanceId);
    if (existing.isPresent()) {
      return existing.get();
    }
    InstanceLayout layout = InstanceLayout.of(config.baseDirectory(), instanceId);
    checkSocketPathBudget(layout);
    try (BaseDirectoryLock lock = BaseDirectoryLock.acquire(config.baseDirectory())) {
      if (layout.hasMetadata()) {
        return register(MetadataFile.load(layout.metadataFile()), layout);
      }
      Set<InetAddress> used = new HashSet<>(LoopbackSockets.boundAddresses());
      for (String id : hostIds()) {
        readMetadata(InstanceLayout.of(config.baseDirectory(), id))
            .ifPresent(metadata -> used.add(metadata.address()));
      }
      InetAddress address =
          addresses
              .firstFree(used)
              .orElseThrow(() ->
                  new StewardException(
                      StandardErrorCode.PLATFORM_CAPACITY,
                      "No free address left below " + config.addressPrefix()));
      ServiceUser serviceUser = serviceUser(userNameFor(instanceId));
      serviceUser.ensureExists();
      try {
        checkTraversable(serviceUser);
        layout.create(serviceUser);
      } catch (IOException | RuntimeException e) {
        // No host without its metadata: nothing else would ever delete this user.
        deleteInstanceUser(instanceId);
        throw e;
      }
      HostMetadata metadata =
          new HostMetadata(
              instanceId,
              address,
              request.datastore(),
              request.resources(),
              serviceUser.name(),
              Optional.empty(),
              false,
              Optional.empty(),
              0);
      // Written last: a host exists (and holds its address) once its metadata does.
      MetadataFile file = MetadataFile.create(layout.metadataFile(), metadata);
      LOG.log(Level.INFO, "Provisioned host {0} at {1}", instanceId, address.getHostAddress());
      return register(file, layout);
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot provision host " + instanceId + ": " + e, e);
    }
  }

  @Override
  public Optional<Host> find(String instanceId) {
    if (!INSTANCE_ID.matcher(instanceId).matches()) {
      return Optional.empty();
    }
    InstanceLayout layout = InstanceLayout.of(config.baseDirectory(), instanceId);
    if (!layout.hasMetadata()) {
      hosts.remove(instanceId);
      return Optional.empty();
    }
    LocalHost known = hosts.get(instanceId);
    if (known != null && !known.server().retired()) {
      return Optional.of(known);
    }
    if (known != null) {
      hosts.remove(instanceId, known);
    }
    return Optional.of(register(MetadataFile.load(layout.metadataFile()), layout));
  }

  @Override
  public void destroy(String instanceId) {
    if (!INSTANCE_ID.matcher(instanceId).matches()) {
      return;
    }
    InstanceLayout layout = InstanceLayout.of(config.baseDirectory(), instanceId);
    if (!Files.exists(layout.instanceDirectory(), LinkOption.NOFOLLOW_LINKS)) {
      hosts.remove(instanceId);
      deleteInstanceUser(instanceId);
      return;
    }
    Optional<Host> host;
    try {
      host = find(instanceId);
    } catch (StewardException e) {
      // Unreadable metadata must not make a host undeletable.
      LOG.log(Level.WARNING, "Destroying host " + instanceId + " without its metadata", e);
      host = Optional.empty();
    }
    if (host.isPresent()) {
      ((LocalHost) host.get()).server().retire(layout.instanceDirectory());
    } else {
      ManagedServer.killProcessesUnder(layout.instanceDirectory());
    }
    try {
      // The metadata goes first: from then on the host does not exist and its address is free,
      // and a repeated destroy removes whatever a crash left behind.
      Files.deleteIfExists(layout.metadataFile());
      hosts.remove(instanceId);
      SafeFiles.deleteRecursively(layout.instanceDirectory());
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot destroy host " + instanceId + ": " + e, e);
    }
    // Last: a crash before this leaves the user, and a repeated destroy (no directory any more)
    // comes through here again because the user's name follows from the instance id.
    deleteInstanceUser(instanceId);
    LOG.log(Level.INFO, "Destroyed host {0}", instanceId);
  }

  @Override
  public Set<String> hostIds() {
    Set<String> ids = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(config.baseDirectory())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (INSTANCE_ID.matcher(name).matches() && new InstanceLayout(entry).hasMetadata()) {
          ids.add(name);
        }
      }
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE,
          "Cannot list " + config.baseDirectory() + ": " + e,
          e);
    }
    return ids;
  }

  @Override
  public ObjectStore objectStore() {
    return objectStore;
  }

  /** Stops the supervisor; servers keep running unless {@code stop-servers-on-close} is set. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    supervisor.interrupt();
    try {
      supervisor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (config.stopServersOnClose()) {
      for (LocalHost host : hosts.values()) {
        try {
          host.stopServer();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Cannot stop the server of " + host.instanceId(), e);
        }
      }
    }
  }

  private LocalHost register(MetadataFile metadata, InstanceLayout layout) {
    return hosts.computeIfAbsent(
        metadata.current().instanceId(),
        id -> new LocalHost(metadata, layout, serviceUser(metadata.current().serviceUser())));
  }

  private void loadHosts() {
    for (String id : hostIds()) {
      InstanceLayout layout = InstanceLayout.of(config.baseDirectory(), id);
      try {
        LocalHost host = register(MetadataFile.load(layout.metadataFile()), layout);
        killLeftoverCommands(host, layout);
      } catch (StewardException e) {
        LOG.log(Level.WARNING, "Skipping host " + id + " with unreadable metadata", e);
      }
    }
    LOG.log(Level.DEBUG, "Loaded {0} hosts from {1}", hosts.size(), config.baseDirectory());
  }

  /**
   * Kills commands a previous control plane was running for this host when it died (an initdb,
   * say): an orphaned, non-server process working in the instance directory is a leftover that
   * would race the step that is about to repeat it. The server's session (the server and its
   * children), unrecorded server processes (session leaders, handled when a server is started) and
   * commands whose control plane still runs are kept.
   */
  private static void killLeftoverCommands(LocalHost host, InstanceLayout layout) {
    long serverSession = host.serverState().pid().orElse(-1);
    List<Long> leftovers = new ArrayList<>();
    for (long pid : ProcessTable.withWorkingDirectoryUnder(layout.instanceDirectory())) {
      Optional<ProcessTable.ProcessStat> stat = ProcessTable.stat(pid);
      // Only orphans: a command whose control plane is still alive (another process sharing this
      // base directory) keeps its parent and is left alone.
      if (stat.isPresent()
          && !stat.get().zombie()
          && stat.get().parent() == 1
          && stat.get().session() != serverSession
          && stat.get().session() != pid) {
        leftovers.add(pid);
      }
    }
    if (!leftovers.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "Killing commands {0} left running in {1} by a previous control plane",
          leftovers,
          layout.instanceDirectory());
      for (long pid : leftovers) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private Optional<HostMetadata> readMetadata(InstanceLayout layout) {
    try {
      return Optional.of(HostMetadata.read(layout.metadataFile()));
    } catch (StewardException e) {
      LOG.log(Level.WARNING, "Ignoring unreadable metadata " + layout.metadataFile(), e);
      return Optional.empty();
    }
  }

  private void superviseLoop() {
    while (!closed) {
      hosts.values().removeIf(host -> host.server().retired());
      for (LocalHost host : hosts.values()) {
        try {
          host.server().supervise(Instant.now());
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Supervising " + host.instanceId() + " failed", e);
        }
      }
      try {
        Thread.sleep(config.superviseInterval());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void requireValidInstanceId(String instanceId) {
    if (!INSTANCE_ID.matcher(instanceId).matches()) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT,
          "Instance id must match " + INSTANCE_ID.pattern() + ": '" + instanceId + "'");
    }
  }

  private void checkSocketPathBudget(InstanceLayout layout) {
    Path socket = layout.directory(HostDirectory.RUN).resolve(LONGEST_SOCKET_NAME);
    int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
    if (length > SOCKET_PATH_BUDGET) {
      throw new StewardException(
          LocalPlatformErrorCode.SOCKET_PATH_TOO_LONG,
          "Unix socket path "
              + socket
              + " would be "
              + length
              + " bytes (at most "
              + SOCKET_PATH_BUDGET
              + "): choose a shorter "
              + LocalPlatformConfig.PREFIX
              + ".base-dir than "
              + config.baseDirectory());
    }
  }

  /** The user a new host runs as: its own (per-instance users), or the shared one. */
  private String userNameFor(String instanceId) {
    if (config.perInstanceUsers()) {
      return ServiceUser.perInstanceName(config.serviceUser(), config.baseDirectory(), instanceId);
    }
    return config.serviceUser();
  }

  private ServiceUser serviceUser(String name) {
    return serviceUsers.computeIfAbsent(name, ServiceUser::new);
  }

  private void deleteInstanceUser(String instanceId) {
    if (config.perInstanceUsers()) {
      String name =
          ServiceUser.perInstanceName(config.serviceUser(), config.baseDirectory(), instanceId);
      serviceUser(name).delete();
      serviceUsers.remove(name);
    }
  }

  private void checkTraversable(ServiceUser serviceUser) {
    if (!serviceUser.privileged()) {
      return;
    }
    Optional<Path> blocked =
        UnixPermissions.firstUntraversable(
            config.baseDirectory(), serviceUser.uid(), serviceUser.gid());
    if (blocked.isPresent()) {
      throw new StewardException(
          LocalPlatformErrorCode.BASE_DIRECTORY_NOT_TRAVERSABLE,
          "The service user "
              + serviceUser.name()
              + " cannot enter "
              + blocked.get()
              + " on the way to "
              + LocalPlatformConfig.PREFIX
              + ".base-dir "
              + config.baseDirectory()
              + " (it needs search permission, e.g. chmod o+x)");
    }
  }
}
