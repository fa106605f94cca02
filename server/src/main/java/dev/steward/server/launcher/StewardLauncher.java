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
package dev.steward.server.launcher;

import dev.steward.core.Steward;
import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupState;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationListener;
import dev.steward.core.operation.StepOutcome;
import dev.steward.core.operation.StepPhase;
import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A small command-line launcher over the embedded control plane, for scripts and demos without the
 * REST server. Backup strategies are those on its class path (core's plugin registry). Commands:
 * {@code demo} (create, show, delete), {@code create}, {@code await}, {@code show}, {@code list},
 * {@code delete}. Options: {@code --config FILE}, {@code --set key=value}, {@code --tenant T},
 * {@code --datastore NAME} (create; default postgresql), {@code --name N}, {@code --database D},
 * {@code --user U} (the user's password is read from the environment variable {@code
 * STEWARD_USER_PASSWORD}, never from the command line), {@code --timeout SECONDS}. Step events are
 * printed as {@code EVENT} lines.
 */
public final class StewardLauncher {
  private static final PrintStream OUT = System.out;

  private StewardLauncher() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (StewardException e) {
      System.err.println("error " + e.errorCode().name() + ": " + e.getMessage());
      System.exit(2);
    }
  }

  static int run(String[] args) {
    if (args.length == 0) {
      System.err.println(
          "usage: steward demo|create [--restore BACKUP]|await ID|show ID|list|delete ID"
              + "|backup ID|await-backup ID|delete-backup ID [options]");
      return 64;
    }
    String command = args[0];
    Map<String, String> properties = new HashMap<>();
    properties.put("steward.datastores", "postgresql,mariadb,redis");
    properties.put("steward.data-dir", ".steward");
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> properties.putAll(fromFile(Path.of(args[++i])));
        case "--set" -> {
          String[] pair = args[++i].split("=", 2);
          properties.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        case "--tenant",
            "--name",
            "--database",
            "--user",
            "--timeout",
            "--datastore",
            "--restore" ->
            options.put(args[i].substring(2), args[++i]);
        default -> positional.add(args[i]);
      }
    }
    String tenant = options.getOrDefault("tenant", "demo-project");
    Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "300")));
    try (Steward steward =
        Steward.builder().properties(properties).listener(new EventPrinter()).start()) {
      return switch (command) {
        case "demo" -> demo(steward, tenant, timeout);
        case "create" -> create(steward, tenant, options, timeout);
        case "await" -> {
          Instance instance =
              steward
                  .instances()
                  .await(
                      tenant,
                      positional.getFirst(),
                      EnumSet.of(InstanceState.ACTIVE, InstanceState.ERROR),
                      timeout);
          print(instance);
          yield instance.state() == InstanceState.ACTIVE ? 0 : 1;
        }
        case "show" -> {
          print(steward.instances().get(tenant, positional.getFirst()));
          yield 0;
        }
        case "list" -> {
          steward.instances().list(tenant, 1000, Optional.empty()).forEach(StewardLauncher::print);
          yield 0;
        }
        case "delete" -> {
          Operation operation = steward.instances().delete(tenant, positional.getFirst());
          steward.operations().awaitSuccess(operation.id(), timeout);
          OUT.println("DELETED " + positional.getFirst());
          yield 0;
        }
        case "backup" -> {
          Backup backup =
              steward
                  .backups()
                  .create(
                      tenant,
                      positional.getFirst(),
                      options.getOrDefault("name", "backup"),
                      Optional.empty(),
                      Optional.empty());
          OUT.println("BACKUP " + backup.id());
          OUT.flush();
          yield awaitBackup(steward, tenant, backup.id(), timeout);
        }
        case "await-backup" -> awaitBackup(steward, tenant, positional.getFirst(), timeout);
        case "delete-backup" -> {
          Operation operation = steward.backups().delete(tenant, positional.getFirst());
          steward.operations().awaitSuccess(operation.id(), timeout);
          OUT.println("DELETED " + positional.getFirst());
          yield 0;
        }
        default -> {
          System.err.println("unknown command " + command);
          yield 64;
        }
      };
    }
  }

  private static int awaitBackup(
      Steward steward, String tenant, String backupId, Duration timeout) {
    Backup done;
    try {
      done = steward.backups().await(tenant, backupId, EnumSet.of(BackupState.COMPLETED), timeout);
    } catch (StewardException e) {
      done = steward.backups().get(tenant, backupId);
    }
    OUT.println(
        "BACKUPSTATE "
            + done.id()
            + " "
            + done.state()
            + " bytes="
            + done.streamBytes()
            + done.fault().map(fault -> " fault=" + fault.message()).orElse(""));
    OUT.flush();
    return done.state() == BackupState.COMPLETED ? 0 : 1;
  }

  private static int demo(Steward steward, String tenant, Duration timeout) {
    Secret password = Secret.of("demo-" + Long.toHexString(System.nanoTime()));
    Instance created =
        steward
            .instances()
            .create(
                CreateInstanceRequest.named(tenant, "demo", "postgresql")
                    .withDatabases(List.of(DatabaseSpec.named("demo")))
                    .withUsers(
                        List.of(new UserSpec(UserRef.of("demo"), password, List.of("demo")))));
    OUT.println("Creating instance " + created.id() + " ...");
    Instance active =
        steward.instances().await(tenant, created.id(), EnumSet.of(InstanceState.ACTIVE), timeout);
    print(active);
    OUT.println("Connected as demo: " + serverVersion(active, password));
    OUT.println("Deleting it again ...");
    steward
        .operations()
        .awaitSuccess(steward.instances().delete(tenant, active.id()).id(), timeout);
    OUT.println("DELETED " + active.id());
    return 0;
  }

  /** Proves the instance serves its user: connects over JDBC as that user and asks the version. */
  private static String serverVersion(Instance instance, Secret password) {
    Properties credentials = new Properties();
    credentials.setProperty("user", "demo");
    credentials.setProperty("password", password.reveal());
    String url = "jdbc:postgresql://" + instance.address().orElseThrow() + ":5432/demo";
    try (Connection connection = DriverManager.getConnection(url, credentials);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT version()")) {
      result.next();
      return result.getString(1);
    } catch (SQLException e) {
      return "connection failed: " + e.getMessage();
    }
  }

  private static int create(
      Steward steward, String tenant, Map<String, String> options, Duration timeout) {
    CreateInstanceRequest request =
        CreateInstanceRequest.named(
            tenant,
            options.getOrDefault("name", "instance"),
            options.getOrDefault("datastore", "postgresql"));
    String restore = options.get("restore");
    if (restore != null) {
      request = request.withRestorePoint(restore);
    }
    String database = options.get("database");
    if (database != null) {
      request = request.withDatabases(List.of(DatabaseSpec.named(database)));
    }
    String user = options.get("user");
    if (user != null) {
      String password = System.getenv("STEWARD_USER_PASSWORD");
      if (password == null || password.isEmpty()) {
        System.err.println("set STEWARD_USER_PASSWORD to the user's password");
        return 64;
      }
      List<String> access = database == null ? List.of() : List.of(database);
      request =
          request.withUsers(List.of(new UserSpec(UserRef.of(user), Secret.of(password), access)));
    }
    Instance created = steward.instances().create(request);
    OUT.println("INSTANCE " + created.id());
    OUT.flush();
    Instance done =
        steward
            .instances()
            .await(
                tenant,
                created.id(),
                EnumSet.of(InstanceState.ACTIVE, InstanceState.ERROR),
                timeout);
    print(done);
    return done.state() == InstanceState.ACTIVE ? 0 : 1;
  }

  private static void print(Instance instance) {
    OUT.println(
        "STATE "
            + instance.id()
            + " "
            + instance.status()
            + " name="
            + instance.name()
            + " address="
            + instance.address().orElse("-")
            + instance.fault().map(fault -> " fault=" + fault.message()).orElse(""));
    OUT.flush();
  }

  private static Map<String, String> fromFile(Path file) {
    Map<String, String> result = new HashMap<>();
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file, e);
    }
    properties.forEach((key, value) -> result.put(key.toString(), value.toString()));
    return result;
  }

  /** Prints step events so that operators (and the crash test) can follow an operation. */
  private static final class EventPrinter implements OperationListener {
    @Override
    public void stepStarted(Operation operation, String step, StepPhase phase) {
      OUT.println("EVENT " + operation.type() + " " + step + " " + phase + " STARTED");
      OUT.flush();
    }

    @Override
    public void stepEnded(Operation operation, String step, StepPhase phase, StepOutcome outcome) {
      OUT.println("EVENT " + operation.type() + " " + step + " " + phase + " " + outcome);
      OUT.flush();
    }
  }
}
