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
package dev.steward.toolkit.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.Capability;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.spi.platform.Resources;
import dev.steward.toolkit.engine.FakeHost;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginDatastoreTest {
  private static final DatastoreVersion VERSION = new DatastoreVersion("1.0", "1.0.3");

  private static final EngineLifecycle LIFECYCLE =
      new EngineLifecycle() {
        @Override
        public void prepare(InstanceContext instance) {}

        @Override
        public void start(InstanceContext instance) {}

        @Override
        public void stop(InstanceContext instance) {}

        @Override
        public Health health(InstanceContext instance) {
          return new Health(Health.Status.SHUTDOWN, "");
        }
      };

  private static final JournalingAdmins ADMINS = new JournalingAdmins();
  private static final UserAdmin USERS = ADMINS.users;
  private static final RootAdmin ROOT = ADMINS.root;

  private static final class Example extends PluginDatastore {
    Example(DatastoreParts parts) {
      super(parts);
    }
  }

  private static final class ExampleFactory extends TypedDatastoreFactory<String> {
    ExampleFactory() {
      super(
          "example",
          config -> config.string("greeting", "hello"),
          greeting ->
              new Example(
                  DatastoreParts.builder(greeting, 4242, LIFECYCLE)
                      .versions(List.of(VERSION))
                      .build()));
    }
  }

  @Test
  void capabilitiesFollowTheWiredSubInterfaces() {
    Datastore datastore =
        new Example(
            DatastoreParts.builder("example", 4242, LIFECYCLE)
                .versions(List.of(VERSION))
                .users(USERS)
                .root(ROOT)
                .build());

    assertThat(datastore.name()).isEqualTo("example");
    assertThat(datastore.port()).isEqualTo(4242);
    assertThat(datastore.versions()).containsExactly(VERSION);
    assertThat(datastore.lifecycle()).isSameAs(LIFECYCLE);
    assertThat(datastore.capabilities(VERSION))
        .containsExactlyInAnyOrder(Capability.USERS, Capability.ROOT);
    assertThat(datastore.users()).containsSame(USERS);
    assertThat(datastore.root()).containsSame(ROOT);
    assertThat(datastore.databases()).isEmpty();
    assertThat(datastore.backups()).isEmpty();
  }

  @Test
  void userAccessIsDeclaredExplicitlyAndNeedsAUserAdmin() {
    DatastoreParts parts =
        DatastoreParts.builder("example", 4242, LIFECYCLE).users(USERS).userAccess().build();
    assertThat(parts.capabilities())
        .containsExactlyInAnyOrder(Capability.USERS, Capability.USER_ACCESS);

    assertThatThrownBy(
            () -> DatastoreParts.builder("example", 4242, LIFECYCLE).userAccess().build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDeclarationThatDisagreesWithTheWiringIsRefused() {
    assertThatThrownBy(() ->
            new DatastoreParts(
                "example",
                4242,
                List.of(),
                LIFECYCLE,
                EnumSet.of(Capability.ROOT),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ROOT");
    assertThatThrownBy(() ->
            new DatastoreParts(
                "example",
                4242,
                List.of(),
                LIFECYCLE,
                Set.of(),
                Optional.empty(),
                Optional.of(USERS),
                Optional.empty(),
                Optional.empty()))
        .hasMessageContaining("USERS");
  }

  @Test
  void theTemplateAdminsCheckTheirRulesBeforeTheEnginesHooks() {
    JournalingAdmins admins = new JournalingAdmins();
    InstanceContext instance =
        new InstanceContext(
            "instance-1", VERSION, new Resources(512, 1, 1), new FakeHost(), Secret.of("admin"));

    assertThat(admins.root.userName()).isEqualTo("root");
    assertRefused(
        () -> admins.root.enable(instance, Secret.of("toolong")),
        StandardErrorCode.INVALID_ARGUMENT);
    assertRefused(
        () -> admins.databases.create(instance, DatabaseSpec.named("Shop")),
        StandardErrorCode.INVALID_NAME);
    assertRefused(
        () ->
            admins.users.create(
                instance, new UserSpec(UserRef.of("bob"), Secret.of(""), List.of())),
        StandardErrorCode.INVALID_ARGUMENT);
    assertThat(admins.journal).isEmpty();

    admins.root.enable(instance, Secret.of("good"));
    admins.databases.create(instance, DatabaseSpec.named("shop"));
    admins.users.create(instance, new UserSpec(UserRef.of("bob"), Secret.of("pw"), List.of()));
    assertThat(admins.journal)
        .containsExactly("enable root good", "create database shop", "create user bob");
  }

  private static void assertRefused(Runnable action, StandardErrorCode code) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(StewardException.class, e -> assertThat(e.is(code)).isTrue());
  }

  @Test
  void fixedStrategiesAreTheSameForEveryVersionAndNeverEmpty() {
    FixedStrategiesBackupSupport backups = new ExampleBackups(List.of("physical", "logical"));

    assertThat(backups.strategies(VERSION)).containsExactly("physical", "logical");
    assertThatThrownBy(() -> new ExampleBackups(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final class ExampleBackups extends FixedStrategiesBackupSupport {
    ExampleBackups(List<String> strategies) {
      super(strategies);
    }

    @Override
    public ToolEnvironment tools(InstanceContext instance) {
      return new ToolEnvironment(Map.of(), Map.of());
    }

    @Override
    public void restored(InstanceContext instance) {}
  }

  @Test
  void theTypedFactoryBindsItsConfigurationBeforeCreating() {
    ExampleFactory factory = new ExampleFactory();

    Datastore datastore =
        factory.create(() -> new PluginConfig("example", Map.of("greeting", "hi")));

    assertThat(factory.name()).isEqualTo("example");
    assertThat(datastore.name()).isEqualTo("hi");
  }
}
