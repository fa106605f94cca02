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

import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.BackupSupport;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An engine in memory: databases, users and root per instance in maps, the server a flag of its
 * {@link FakeHost}, "prepared" a marker file in the host's CONFIG directory. Every call passes the
 * shared {@link Faults} under its name ({@code prepare}, {@code start}, {@code stop}, {@code
 * createDatabase}, {@code createUser}, {@code enableRoot}, {@code flush}, {@code restored}, …).
 * Calls against the engine need its server running (ENGINE_UNAVAILABLE otherwise, retryable).
 * Version 2 declares databases and users only; version 1 every capability.
 */
public final class FakeDatastore implements Datastore {
  public static final String NAME = "fakedb";
  public static final DatastoreVersion V1 = new DatastoreVersion("1", "1.0");
  public static final DatastoreVersion V2 = new DatastoreVersion("2", "2.0");

  /** The engine's data, in its host's DATA directory: what the fake strategies back up. */
  public static final String DATA_FILE = "data.bin";

  static final String PREPARED = "prepared";

  private final Faults faults;
  private final List<String> strategies;
  private final Map<String, Engine> engines = new ConcurrentHashMap<>();

  /** One instance's engine state. */
  private static final class Engine {
    final Map<String, DatabaseInfo> databases = new TreeMap<>();
    final Map<UserRef, UserInfo> users = new TreeMap<>(FakeDatastore::compare);
    final Map<UserRef, String> passwords = new ConcurrentHashMap<>();
    volatile boolean rootEnabled;
  }

  public FakeDatastore(Faults faults, List<String> strategies) {
    this.faults = requireNonNull(faults, "faults is null");
    this.strategies = List.copyOf(strategies);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<DatastoreVersion> versions() {
    return List.of(V1, V2);
  }

  @Override
  public Set<Capability> capabilities(DatastoreVersion version) {
    if (version.equals(V2)) {
      return EnumSet.of(Capability.DATABASES, Capability.USERS);
    }
    return EnumSet.allOf(Capability.class);
  }

  @Override
  public int port() {
    return 4242;
  }

  @Override
  public EngineLifecycle lifecycle() {
    return new Lifecycle();
  }

  @Override
  public Optional<DatabaseAdmin> databases() {
    return Optional.of(new Databases());
  }

  @Override
  public Optional<UserAdmin> users() {
    return Optional.of(new Users());
  }

  @Override
  public Optional<RootAdmin> root() {
    return Optional.of(new Root());
  }

  @Override
  public Optional<BackupSupport> backups() {
    return strategies.isEmpty() ? Optional.empty() : Optional.of(new Backups());
  }

  /** The database names of an instance's engine, sorted. */
  public Set<String> databaseNames(String instanceId) {
    Engine engine = engines.get(instanceId);
    return engine == null ? Set.of() : new TreeSet<>(engine.databases.keySet());
  }

  /** The user names of an instance's engine, sorted. */
  public Set<String> userNames(String instanceId) {
    Engine engine = engines.get(instanceId);
    Set<String> names = new TreeSet<>();
    if (engine != null) {
      engine.users.keySet().forEach(user -> names.add(user.name()));
    }
    return names;
  }

  /** Whether root is enabled on an instance's engine. */
  public boolean rootEnabled(String instanceId) {
    Engine engine = engines.get(instanceId);
    return engine != null && engine.rootEnabled;
  }

  private Engine engine(InstanceContext instance) {
    return engines.computeIfAbsent(instance.instanceId(), id -> new Engine());
  }

  /** The engine of a running server; ENGINE_UNAVAILABLE (retryable) while it is down. */
  private Engine running(InstanceContext instance) {
    if (!instance.host().serverState().running()) {
      throw new StewardException(
          StandardErrorCode.ENGINE_UNAVAILABLE,
          "fake engine " + instance.instanceId() + " is down");
    }
    return engine(instance);
  }

  private static int compare(UserRef left, UserRef right) {
    int byName = left.name().compareTo(right.name());
    return byName != 0 ? byName : left.host().compareTo(right.host());
  }

  private final class Lifecycle implements EngineLifecycle {
    @Override
    public void prepare(InstanceContext instance) {
      faults.check("prepare");
      instance.host().clear(HostDirectory.DATA);
      engines.put(instance.instanceId(), new Engine());
      instance.host().writeFile(HostDirectory.CONFIG, PREPARED, bytes(instance.version().name()));
    }

    @Override
    public void start(InstanceContext instance) {
      faults.check("start");
      if (instance.host().readFile(HostDirectory.CONFIG, PREPARED).isEmpty()) {
        throw new StewardException(StandardErrorCode.ENGINE_ERROR, "fake engine not prepared");
      }
      instance
          .host()
          .startServer(
              new ServerSpec(List.of("fake-server"), Map.of(), StopSignal.TERM, Duration.ZERO));
    }

    @Override
    public void stop(InstanceContext instance) {
      faults.check("stop");
      instance.host().stopServer();
    }

    @Override
    public Health health(InstanceContext instance) {
      return instance.host().serverState().running()
          ? new Health(Health.Status.HEALTHY, "fake")
          : new Health(Health.Status.SHUTDOWN, "fake server down");
    }
  }

  private final class Databases implements DatabaseAdmin {
    @Override
    public void validate(DatabaseSpec spec) {
      if (!spec.name().matches("[a-z][a-z0-9_]{0,15}")) {
        throw new StewardException(
            StandardErrorCode.INVALID_NAME, "Database name " + spec.name() + " is not valid");
      }
    }

    @Override
    public void create(InstanceContext instance, DatabaseSpec spec) {
      faults.check("createDatabase");
      Engine engine = running(instance);
      synchronized (engine) {
        engine.databases.putIfAbsent(
            spec.name(),
            new DatabaseInfo(
                spec.name(), spec.characterSet().orElse("utf8"), spec.collation().orElse("C")));
      }
    }

    @Override
    public List<DatabaseInfo> list(InstanceContext instance) {
      Engine engine = running(instance);
      synchronized (engine) {
        return List.copyOf(engine.databases.values());
      }
    }

    @Override
    public void delete(InstanceContext instance, String name) {
      faults.check("deleteDatabase");
      Engine engine = running(instance);
      synchronized (engine) {
        engine.databases.remove(name);
      }
    }
  }

  private final class Users implements UserAdmin {
    @Override
    public void validate(UserSpec spec) {
      if (!spec.user().name().matches("[a-z][a-z0-9_]{0,15}")) {
        throw new StewardException(
            StandardErrorCode.INVALID_NAME, "User name " + spec.user().name() + " is not valid");
      }
      if (spec.password().reveal().length() < 8) {
        throw new StewardException(
            StandardErrorCode.INVALID_ARGUMENT, "Passwords have at least 8 characters");
      }
    }

    @Override
    public void create(InstanceContext instance, UserSpec spec) {
      faults.check("createUser");
      Engine engine = running(instance);
      synchronized (engine) {
        engine.users.put(spec.user(), new UserInfo(spec.user(), sorted(spec.databases())));
        engine.passwords.put(spec.user(), spec.password().reveal());
      }
    }

    @Override
    public List<UserInfo> list(InstanceContext instance) {
      Engine engine = running(instance);
      synchronized (engine) {
        return List.copyOf(engine.users.values());
      }
    }

    @Override
    public Optional<UserInfo> find(InstanceContext instance, UserRef user) {
      Engine engine = running(instance);
      synchronized (engine) {
        return Optional.ofNullable(engine.users.get(user));
      }
    }

    @Override
    public void delete(InstanceContext instance, UserRef user) {
      faults.check("deleteUser");
      Engine engine = running(instance);
      synchronized (engine) {
        engine.users.remove(user);
        engine.passwords.remove(user);
      }
    }

    @Override
    public void changePassword(InstanceContext instance, UserRef user, Secret password) {
      faults.check("changePassword");
      Engine engine = running(instance);
      synchronized (engine) {
        if (!engine.users.containsKey(user)) {
          throw new StewardException(StandardErrorCode.NOT_FOUND, "no user " + user.name());
        }
        engine.passwords.put(user, password.reveal());
      }
    }

    @Override
    public void grant(InstanceContext instance, UserRef user, List<String> databases) {
      faults.check("grant");
      Engine engine = running(instance);
      synchronized (engine) {
        List<String> access = new ArrayList<>(engine.users.get(user).databases());
        databases.stream().filter(name -> !access.contains(name)).forEach(access::add);
        engine.users.put(user, new UserInfo(user, sorted(access)));
      }
    }

    @Override
    public void revoke(InstanceContext instance, UserRef user, String database) {
      faults.check("revoke");
      Engine engine = running(instance);
      synchronized (engine) {
        List<String> access = new ArrayList<>(engine.users.get(user).databases());
        access.remove(database);
        engine.users.put(user, new UserInfo(user, access));
      }
    }

    @Override
    public List<String> access(InstanceContext instance, UserRef user) {
      return find(instance, user).map(UserInfo::databases).orElse(List.of());
    }
  }

  private final class Root implements RootAdmin {
    @Override
    public String userName() {
      return "root";
    }

    @Override
    public void enable(InstanceContext instance, Secret password) {
      faults.check("enableRoot");
      running(instance).rootEnabled = true;
    }

    @Override
    public void disable(InstanceContext instance) {
      faults.check("disableRoot");
      running(instance).rootEnabled = false;
    }

    @Override
    public boolean isEnabled(InstanceContext instance) {
      return running(instance).rootEnabled;
    }
  }

  private final class Backups implements BackupSupport {
    @Override
    public List<String> strategies(DatastoreVersion version) {
      return strategies;
    }

    @Override
    public ToolEnvironment tools(InstanceContext instance) {
      return new ToolEnvironment(
          Map.of("data-file", DATA_FILE), Map.of("admin-password", instance.adminPassword()));
    }

    @Override
    public void flush(InstanceContext instance) {
      faults.check("flush");
    }

    @Override
    public void restored(InstanceContext instance) {
      faults.check("restored");
      engines.putIfAbsent(instance.instanceId(), new Engine());
      instance.host().writeFile(HostDirectory.CONFIG, PREPARED, bytes(instance.version().name()));
    }
  }

  private static List<String> sorted(List<String> names) {
    return List.copyOf(new TreeSet<>(names));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
