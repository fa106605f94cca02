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
package dev.steward.core.instance;

import static dev.steward.core.fakes.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.steward.core.Steward;
import dev.steward.core.fakes.FakeDatastore;
import dev.steward.core.fakes.FakeSteward;
import dev.steward.core.fakes.FakeStewardTest;
import dev.steward.core.model.Instance;
import dev.steward.core.operation.Operation;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Databases, users, access and root of a running instance through the real services on the fake
 * engine: each mutation is a durable operation, each read goes to the engine, requests are checked
 * (names, existence, capabilities of the instance's version) before anything is recorded.
 */
class AdminServicesTest extends FakeStewardTest {
  private static final String TENANT = "tenant-d";
  private static final UserRef APP = new UserRef("app", "%");

  private Steward steward;
  private Instance instance;

  @BeforeEach
  void setUp() {
    startFakes();
    steward = fakes.steward();
    instance = fakes.createActive(TENANT, "admin");
  }

  private Operation createDatabases(DatabaseSpec... databases) {
    return steward.databases().create(TENANT, instance.id(), List.of(databases));
  }

  private Operation createUser(UserRef user, String password, String... databases) {
    return steward
        .users()
        .create(
            TENANT,
            instance.id(),
            List.of(new UserSpec(user, Secret.of(password), List.of(databases))));
  }

  /** A create of version 2 of the fake datastore (it declares no optional capability). */
  private static CreateInstanceRequest versionTwo(
      String name, List<DatabaseSpec> databases, List<UserSpec> users) {
    return new CreateInstanceRequest(
        TENANT,
        name,
        Optional.of(FakeDatastore.NAME),
        Optional.of("2"),
        Optional.empty(),
        Optional.empty(),
        databases,
        users,
        Optional.empty());
  }

  private void settle(Operation operation) {
    steward.operations().awaitSuccess(operation.id(), FakeSteward.WAIT);
  }

  @Test
  void databasesAreCreatedListedAndDeleted() {
    settle(
        createDatabases(
            new DatabaseSpec("sales", Optional.of("latin1"), Optional.empty()),
            DatabaseSpec.named("orders")));
    assertThat(steward.databases().list(TENANT, instance.id()))
        .extracting(DatabaseInfo::name, DatabaseInfo::characterSet)
        .containsExactly(tuple("orders", "utf8"), tuple("sales", "latin1"));
    assertRefused(
        StandardErrorCode.ALREADY_EXISTS, () -> createDatabases(DatabaseSpec.named("sales")));
    assertRefused(StandardErrorCode.INVALID_ARGUMENT, () -> createDatabases());
    settle(steward.databases().delete(TENANT, instance.id(), "sales"));
    assertThat(fakes.datastore().databaseNames(instance.id())).containsExactly("orders");
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () -> steward.databases().delete(TENANT, instance.id(), "sales"));
    assertRefused(
        StandardErrorCode.INVALID_NAME,
        () -> steward.databases().delete(TENANT, instance.id(), "Not Valid"));
  }

  @Test
  void usersAreCreatedFoundChangedAndDeleted() {
    settle(createDatabases(DatabaseSpec.named("app")));
    settle(createUser(APP, "first-password", "app"));
    assertThat(steward.users().list(TENANT, instance.id()))
        .extracting(UserInfo::user)
        .containsExactly(APP);
    assertThat(steward.users().get(TENANT, instance.id(), APP).databases()).containsExactly("app");
    assertRefused(StandardErrorCode.ALREADY_EXISTS, () -> createUser(APP, "other-password"));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT, () -> createUser(new UserRef("bob", "%"), "short"));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () -> createUser(new UserRef("bob", "%"), "long-password", "nope"));
    settle(
        steward.users().changePassword(TENANT, instance.id(), APP, Secret.of("second-password")));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () -> steward.users().changePassword(TENANT, instance.id(), APP, Secret.of("x")));
    settle(steward.users().delete(TENANT, instance.id(), APP));
    assertThat(fakes.datastore().userNames(instance.id())).isEmpty();
    assertRefused(
        StandardErrorCode.NOT_FOUND, () -> steward.users().get(TENANT, instance.id(), APP));
    assertRefused(
        StandardErrorCode.NOT_FOUND, () -> steward.users().delete(TENANT, instance.id(), APP));
  }

  @Test
  void accessIsGrantedAndRevokedOnExistingDatabasesOnly() {
    settle(createDatabases(DatabaseSpec.named("one"), DatabaseSpec.named("two")));
    settle(createUser(APP, "a-password"));
    settle(steward.users().grant(TENANT, instance.id(), APP, List.of("two", "one")));
    assertThat(steward.users().access(TENANT, instance.id(), APP)).containsExactly("one", "two");
    settle(steward.users().revoke(TENANT, instance.id(), APP, "one"));
    assertThat(steward.users().access(TENANT, instance.id(), APP)).containsExactly("two");
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () -> steward.users().grant(TENANT, instance.id(), APP, List.of("three")));
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () -> steward.users().grant(TENANT, instance.id(), APP, List.of()));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () -> steward.users().revoke(TENANT, instance.id(), APP, "three"));
    assertRefused(
        StandardErrorCode.NOT_FOUND,
        () ->
            steward
                .users()
                .grant(TENANT, instance.id(), new UserRef("ghost", "%"), List.of("one")));
  }

  @Test
  void rootIsEnabledWithItsPasswordAndDisabled() {
    assertThat(steward.root().isEnabled(TENANT, instance.id())).isFalse();
    RootService.RootCredentials credentials =
        steward.root().enable(TENANT, instance.id(), Optional.empty());
    assertThat(credentials.userName()).isEqualTo("root");
    assertThat(credentials.password().reveal()).hasSize(32);
    assertThat(steward.root().isEnabled(TENANT, instance.id())).isTrue();
    assertThat(fakes.datastore().rootEnabled(instance.id())).isTrue();
    assertThat(
            steward
                .root()
                .enable(TENANT, instance.id(), Optional.of(Secret.of("chosen-one")))
                .password()
                .reveal())
        .isEqualTo("chosen-one");
    assertRefused(
        StandardErrorCode.INVALID_ARGUMENT,
        () -> steward.root().enable(TENANT, instance.id(), Optional.of(Secret.of(""))));
    settle(steward.root().disable(TENANT, instance.id()));
    assertThat(steward.root().isEnabled(TENANT, instance.id())).isFalse();
  }

  @Test
  void aFailedEnableOfRootSaysSo() {
    fakes.faults().failOnce("enableRoot", StandardErrorCode.ENGINE_ERROR);
    assertRefused(
        StandardErrorCode.ENGINE_ERROR,
        "root.enable failed",
        () -> steward.root().enable(TENANT, instance.id(), Optional.empty()));
    assertThat(fakes.datastore().rootEnabled(instance.id())).isFalse();
    fakes.awaitActive(TENANT, instance.id());
  }

  @Test
  void whatTheVersionDoesNotDeclareIsNotSupported() {
    Instance v2 = steward.instances().create(versionTwo("v2", List.of(), List.of()));
    fakes.awaitActive(TENANT, v2.id());
    assertRefused(
        StandardErrorCode.NOT_SUPPORTED,
        "does not support root",
        () -> steward.root().enable(TENANT, v2.id(), Optional.empty()));
    assertRefused(StandardErrorCode.NOT_SUPPORTED, () -> steward.root().isEnabled(TENANT, v2.id()));
    assertRefused(
        StandardErrorCode.NOT_SUPPORTED,
        "does not support user access",
        () -> steward.users().access(TENANT, v2.id(), APP));
    assertRefused(
        StandardErrorCode.NOT_SUPPORTED,
        () ->
            steward
                .instances()
                .create(
                    versionTwo(
                        "v2-with-access",
                        List.of(DatabaseSpec.named("db")),
                        List.of(new UserSpec(APP, Secret.of("a-password"), List.of("db"))))));
    assertThat(steward.databases().list(TENANT, v2.id())).isEmpty();
  }

  @Test
  void requestsForAnotherTenantsInstanceAreNotFound() {
    assertRefused(
        StandardErrorCode.NOT_FOUND, () -> steward.databases().list("someone-else", instance.id()));
    assertRefused(
        StandardErrorCode.NOT_FOUND, () -> steward.users().list("someone-else", instance.id()));
    assertRefused(
        StandardErrorCode.NOT_FOUND, () -> steward.root().disable("someone-else", instance.id()));
    assertThat(steward.operations().forInstance(instance.id())).hasSize(1);
  }
}
