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

import dev.steward.core.model.Instance;
import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users and access contract, both ways: a user reaches exactly the databases it was granted, a
 * revoked grant is really gone, passwords never leak into process arguments or logs.
 */
public abstract class BaseUserAccessTest extends StewardTestBase {
  private static final Secret ALICE = Secret.of("Alice-pass-4711");
  private static final Secret BOB = Secret.of("Bob-pass-0815");
  private Instance instance;

  /** User names the engine must reject (reserved names), beyond the hostile ones. */
  protected List<String> reservedUserNames() {
    return List.of();
  }

  @BeforeAll
  void createInstance() {
    instance = createActive(request("users"));
    if (declares(Capability.DATABASES)) {
      succeed(
          steward
              .databases()
              .create(
                  tenant,
                  instance.id(),
                  List.of(DatabaseSpec.named("shop"), DatabaseSpec.named("crm"))));
    }
  }

  @Test
  void grantsRevokesAndPasswords() {
    if (!declares(Capability.USERS)) {
      int operations = operationsOf(instance).size();
      assertFails(
          StandardErrorCode.NOT_SUPPORTED,
          () ->
              steward
                  .users()
                  .create(
                      tenant,
                      instance.id(),
                      List.of(new UserSpec(UserRef.of("u"), ALICE, List.of()))));
      assertFails(
          StandardErrorCode.NOT_SUPPORTED, () -> steward.users().list(tenant, instance.id()));
      assertThat(operationsOf(instance)).hasSize(operations);
      return;
    }
    boolean access = declares(Capability.USER_ACCESS);
    List<String> aliceDatabases = access ? List.of("shop") : List.of();
    succeed(
        steward
            .users()
            .create(
                tenant,
                instance.id(),
                List.of(
                    new UserSpec(UserRef.of("alice"), ALICE, aliceDatabases),
                    new UserSpec(UserRef.of("bob"), BOB, List.of()))));
    assertThat(steward.users().list(tenant, instance.id()))
        .extracting(info -> info.user().name())
        .contains("alice", "bob");
    assertThat(steward.users().get(tenant, instance.id(), UserRef.of("alice")).databases())
        .isEqualTo(aliceDatabases);
    assertFails(
        StandardErrorCode.ALREADY_EXISTS,
        () ->
            steward
                .users()
                .create(
                    tenant,
                    instance.id(),
                    List.of(new UserSpec(UserRef.of("bob"), BOB, List.of()))));
    if (!access) {
      assertFails(
          StandardErrorCode.NOT_SUPPORTED,
          () -> steward.users().grant(tenant, instance.id(), UserRef.of("bob"), List.of("shop")));
      assertThat(client().canLogin(endpoint(instance), "alice", ALICE)).isTrue();
      assertNoSecretLeaked(List.of(ALICE, BOB));
      return;
    }
    assertThat(client().writeAndRead(endpoint(instance), "alice", ALICE, "shop", "v1"))
        .isEqualTo("v1");
    assertThat(client().canRead(endpoint(instance), "bob", BOB, "shop")).isFalse();
    assertThat(client().canRead(endpoint(instance), "alice", ALICE, "crm")).isFalse();

    succeed(
        steward.users().grant(tenant, instance.id(), UserRef.of("bob"), List.of("shop", "crm")));
    assertThat(steward.users().access(tenant, instance.id(), UserRef.of("bob")))
        .containsExactly("crm", "shop");
    assertThat(client().canRead(endpoint(instance), "bob", BOB, "shop")).isTrue();

    succeed(steward.users().revoke(tenant, instance.id(), UserRef.of("bob"), "shop"));
    assertThat(steward.users().access(tenant, instance.id(), UserRef.of("bob")))
        .containsExactly("crm");
    assertThat(client().canRead(endpoint(instance), "bob", BOB, "shop")).isFalse();

    Secret changed = Secret.of("Alice-new-pass-2");
    succeed(steward.users().changePassword(tenant, instance.id(), UserRef.of("alice"), changed));
    assertThat(client().canLogin(endpoint(instance), "alice", ALICE)).isFalse();
    assertThat(client().canRead(endpoint(instance), "alice", changed, "shop")).isTrue();

    assertNoSecretLeaked(List.of(ALICE, BOB, changed));

    succeed(steward.users().delete(tenant, instance.id(), UserRef.of("alice")));
    assertThat(client().canLogin(endpoint(instance), "alice", changed)).isFalse();
    assertThat(steward.users().list(tenant, instance.id()))
        .extracting(UserInfo::user)
        .doesNotContain(UserRef.of("alice"));
    assertFails(
        StandardErrorCode.NOT_FOUND,
        () -> steward.users().delete(tenant, instance.id(), UserRef.of("alice")));
  }

  @Test
  void hostileUserNamesAreRefusedAndChangeNothing() {
    if (!declares(Capability.USERS)) {
      return;
    }
    int operations = operationsOf(instance).size();
    List<String> hostile =
        new ArrayList<>(
            List.of(
                "a\"b", "a'b", "a`b", "x; DROP ROLE y", "$(id)", "", "ユーザー", "u".repeat(10_000)));
    hostile.addAll(reservedUserNames());
    for (String name : hostile) {
      assertFails(
          StandardErrorCode.INVALID_NAME,
          () ->
              steward
                  .users()
                  .create(
                      tenant,
                      instance.id(),
                      List.of(new UserSpec(UserRef.of(name), ALICE, List.of()))));
    }
    assertFails(
        StandardErrorCode.INVALID_ARGUMENT,
        () ->
            steward
                .users()
                .create(
                    tenant,
                    instance.id(),
                    List.of(new UserSpec(UserRef.of("emptypass"), Secret.of(""), List.of()))));
    assertThat(operationsOf(instance)).hasSize(operations);
  }

  /**
   * No process argument list on the machine and no log file under Steward's data directory holds a
   * secret.
   */
  protected void assertNoSecretLeaked(List<Secret> secrets) {
    List<String> arguments = new ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      processes
          .filter(path -> path.getFileName().toString().matches("\\d+"))
          .forEach(path -> {
            try {
              arguments.add(Files.readString(path.resolve("cmdline"), StandardCharsets.ISO_8859_1));
            } catch (IOException | RuntimeException e) {
              // the process ended meanwhile
            }
          });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<Path> logs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files
          .filter(Files::isRegularFile)
          .filter(path -> path.toString().contains("/log") || path.toString().endsWith(".log"))
          .forEach(logs::add);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(logs).as("log files under the data directory").isNotEmpty();
    for (Secret secret : secrets) {
      assertThat(arguments).noneMatch(line -> line.contains(secret.reveal()));
      for (Path log : logs) {
        try {
          assertThat(Files.readString(log, StandardCharsets.ISO_8859_1))
              .as("log %s", log)
              .doesNotContain(secret.reveal());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
