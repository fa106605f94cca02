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
package dev.steward.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.backup.Backup;
import dev.steward.core.backup.BackupState;
import dev.steward.core.instance.RootService.RootCredentials;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationState;
import dev.steward.spi.StandardErrorCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Backup contract for one engine × strategy on real servers: known data backed up and restored into
 * a fresh instance compares equal (also for a large case and, for incremental strategies, a chain);
 * damaged chunks and another master key fail the restore with their coded errors and no instance
 * reaches ACTIVE; deleting a backup removes its objects and its descendants; passwords never appear
 * in a tool's arguments.
 */
public abstract class BaseBackupTest extends StewardTestBase {
  private String keyFile = "backup-master.key";

  /** The strategy under test, e.g. {@code pg_dump}. */
  protected abstract String strategy();

  /**
   * Bytes of the large round trip; 0 skips it (the suite asks > 100 MB for one case per engine).
   */
  protected long largeBytes() {
    return 0;
  }

  /** Whether the strategy takes incremental backups (the chain case runs then). */
  protected boolean incremental() {
    return false;
  }

  @Override
  protected Map<String, String> extraProperties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("steward.backup.strategies", strategy());
    properties.put("steward.backup.choice", environment().datastore() + "=" + strategy());
    properties.put("steward.backup.chunk-size", "256KB");
    properties.put("steward.backup.key-file", dataDirectory.resolve(keyFile).toString());
    return properties;
  }

  /** Root of the local platform's filesystem object store (its default under the data dir). */
  protected Path objectStore() {
    return dataDirectory.resolve("objects");
  }

  private BackupDataSet data() {
    return environment()
        .backupData()
        .orElseThrow(() -> new AssertionError("the engine's TckEnvironment gives no backupData()"));
  }

  private RootCredentials root(Instance instance) {
    return steward.root().enable(tenant, instance.id(), Optional.empty());
  }

  private String fingerprint(Instance instance) {
    RootCredentials root = root(instance);
    return data().fingerprint(endpoint(instance), root.userName(), root.password());
  }

  private Instance sourceWith(String name, long bytes) {
    Instance instance = createActive(request(name));
    RootCredentials root = root(instance);
    data().write(endpoint(instance), root.userName(), root.password(), bytes, 1);
    return instance;
  }

  private Backup backUp(Instance instance, String name, Optional<String> parent) {
    return backUp(
        instance,
        steward.backups().create(tenant, instance.id(), name, Optional.of("tck"), parent));
  }

  private Backup backUp(Instance instance, Backup recorded) {
    assertThat(recorded.state()).isEqualTo(BackupState.NEW);
    assertThat(recorded.strategy()).isEqualTo(strategy());
    Backup done =
        steward.backups().await(tenant, recorded.id(), Set.of(BackupState.COMPLETED), TIMEOUT);
    assertThat(done.streamBytes()).isPositive();
    assertThat(done.storedBytes()).isPresent();
    assertThat(done.percent()).hasValue(100);
    assertThat(steward.instances().get(tenant, instance.id()).state())
        .isEqualTo(InstanceState.ACTIVE);
    return done;
  }

  private Instance restore(String name, Backup backup) {
    return createActive(request(name).withRestorePoint(backup.id()));
  }

  @Test
  void aRestoredInstanceHoldsTheSameData() {
    Instance source = sourceWith("bk-source", 2 * 1024 * 1024);
    RootCredentials root = root(source);
    String before = data().fingerprint(endpoint(source), root.userName(), root.password());
    Backup backup = backUp(source, "full", Optional.empty());
    Instance restored = restore("bk-restored", backup);
    assertThat(restored.address()).isNotEqualTo(source.address());
    assertThat(fingerprint(restored)).isEqualTo(before);
    assertThat(steward.backups().list(tenant, Optional.of(source.id()), 10, Optional.empty()))
        .extracting(Backup::id)
        .containsExactly(backup.id());
    // The root password the backup tools ran beside is in no file Steward or a tool left behind:
    // logs, option files, configuration, the stored chunks and manifests.
    assertThat(filesContaining(dataDirectory, root.password().reveal())).isEmpty();
  }

  /** Files below {@code root} (up to 64 MB each) whose bytes contain {@code secret}. */
  private static List<Path> filesContaining(Path root, String secret) {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> {
            try {
              if (Files.size(file) > 64L * 1024 * 1024) {
                return false;
              }
              byte[] content = Files.readAllBytes(file);
              for (int i = 0; i + needle.length <= content.length; i++) {
                if (Arrays.equals(content, i, i + needle.length, needle, 0, needle.length)) {
                  return true;
                }
              }
              return false;
            } catch (IOException e) {
              return false; // removed meanwhile, or a socket
            }
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aLargeBackupRoundTripsWithoutPasswordsInArguments() throws Exception {
    if (largeBytes() <= 0) {
      System.err.println(
          "Not applicable: this suite of "
              + strategy()
              + " sets no large round trip (largeBytes())");
      return;
    }
    Instance source = sourceWith("bk-large", largeBytes());
    String before = fingerprint(source);
    RootCredentials root = root(source);
    Backup backup;
    try (ProcessArgumentScanner scanner = new ProcessArgumentScanner()) {
      scanner.watch(root.password().reveal());
      Backup recorded =
          steward
              .backups()
              .create(tenant, source.id(), "large", Optional.empty(), Optional.empty());
      long started = System.nanoTime();
      long progressSeen = 0;
      Backup current = recorded;
      while (current.state() != BackupState.COMPLETED && current.state() != BackupState.FAILED) {
        if (current.state() == BackupState.BUILDING) {
          progressSeen = Math.max(progressSeen, current.streamBytes());
        }
        Thread.sleep(50);
        current = steward.backups().get(tenant, recorded.id());
      }
      backup = backUp(source, recorded);
      if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(2)) {
        assertThat(progressSeen).as("bytes shown while BUILDING").isPositive();
      }
      assertThat(scanner.findings()).isEmpty();
      assertThat(scanner.scans()).isPositive();
    }
    assertThat(backup.streamBytes()).isGreaterThan(largeBytes() / 2);
    Instance restored = restore("bk-large-restored", backup);
    assertThat(fingerprint(restored)).isEqualTo(before);
  }

  @Test
  void anIncrementalChainRestoresParentFirst() {
    if (!incremental()) {
      System.err.println("Not applicable: " + strategy() + " takes full backups only");
      return;
    }
    Instance source = sourceWith("bk-chain", 1024 * 1024);
    Backup full = backUp(source, "chain-full", Optional.empty());
    RootCredentials root = root(source);
    data().write(endpoint(source), root.userName(), root.password(), 512 * 1024, 2);
    String after = fingerprint(source);
    Backup increment = backUp(source, "chain-increment", Optional.of(full.id()));
    assertThat(increment.parentId()).contains(full.id());
    Instance restored = restore("bk-chain-restored", increment);
    assertThat(fingerprint(restored)).isEqualTo(after);
    // deleting the parent deletes the chain
    steward.operations().awaitSuccess(steward.backups().delete(tenant, full.id()).id(), TIMEOUT);
    assertThat(steward.backups().list(tenant, Optional.of(source.id()), 10, Optional.empty()))
        .isEmpty();
    assertThat(objectsOf(full)).isEmpty();
    assertThat(objectsOf(increment)).isEmpty();
  }

  @Test
  void damagedChunksFailTheRestoreBeforeAnyInstanceIsActive() throws IOException {
    Instance source = sourceWith("bk-damage", 3 * 1024 * 1024);
    for (String damage : List.of("flip", "truncate", "delete")) {
      Backup backup = backUp(source, "damaged-" + damage, Optional.empty());
      List<Path> chunks =
          objectsOf(backup).stream().filter(p -> p.toString().contains("chunk-")).toList();
      assertThat(chunks).as("chunks of %s", backup.id()).hasSizeGreaterThan(1);
      Path chunk = chunks.get(chunks.size() / 2);
      switch (damage) {
        case "flip" -> {
          try (RandomAccessFile file = new RandomAccessFile(chunk.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0x10);
          }
        }
        case "truncate" -> {
          byte[] bytes = Files.readAllBytes(chunk);
          Files.write(chunk, Arrays.copyOf(bytes, bytes.length / 2));
        }
        default -> Files.delete(chunk);
      }
      assertRestoreFails(backup, StandardErrorCode.BACKUP_CORRUPT.name(), "bk-" + damage);
    }
  }

  @Test
  void anotherMasterKeyFailsTheRestore() {
    Instance source = sourceWith("bk-key", 256 * 1024);
    Backup backup = backUp(source, "keyed", Optional.empty());
    steward.close();
    keyFile = "another-master.key";
    steward = boot();
    try {
      assertRestoreFails(backup, StandardErrorCode.BACKUP_KEY_INVALID.name(), "bk-otherkey");
    } finally {
      steward.close();
      keyFile = "backup-master.key";
      steward = boot();
    }
    Instance restored = restore("bk-rightkey", backup);
    assertThat(restored.state()).isEqualTo(InstanceState.ACTIVE);
  }

  @Test
  void deletingABackupRemovesItsObjects() {
    Instance source = sourceWith("bk-delete", 128 * 1024);
    Backup backup = backUp(source, "to-delete", Optional.empty());
    assertThat(objectsOf(backup)).isNotEmpty();
    Operation delete = steward.backups().delete(tenant, backup.id());
    assertThat(steward.operations().await(delete.id(), TIMEOUT).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(objectsOf(backup)).isEmpty();
    assertFails(StandardErrorCode.NOT_FOUND, () -> steward.backups().get(tenant, backup.id()));
    assertFails(
        StandardErrorCode.NOT_FOUND,
        () -> steward.instances().create(request("bk-gone").withRestorePoint(backup.id())));
    assertFails(StandardErrorCode.NOT_FOUND, () -> steward.backups().get("other-tenant", "x"));
  }

  private void assertRestoreFails(Backup backup, String code, String name) {
    Instance created = steward.instances().create(request(name).withRestorePoint(backup.id()));
    Operation operation =
        steward.operations().await(created.activeOperation().orElseThrow(), TIMEOUT);
    assertThat(operation.state()).isEqualTo(OperationState.FAILED);
    assertThat(operation.errorCode()).contains(code);
    Instance failed = steward.instances().get(tenant, created.id());
    assertThat(failed.state()).isEqualTo(InstanceState.ERROR);
    assertThat(failed.fault()).isPresent();
    // compensation stopped and removed the host: no server runs on partial data
    assertThat(failed.address()).isPresent();
    assertThat(answers(failed)).as("a server answers on %s", failed.address()).isFalse();
    Operation delete = steward.instances().delete(tenant, failed.id());
    steward.operations().awaitSuccess(delete.id(), TIMEOUT);
  }

  private boolean answers(Instance instance) {
    try (Socket socket = new Socket()) {
      socket.connect(endpoint(instance), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private List<Path> objectsOf(Backup backup) {
    Path directory = objectStore().resolve("backups").resolve(backup.id());
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
