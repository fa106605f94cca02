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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.ErrorCategory;
import dev.steward.spi.ErrorCode;
import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import dev.steward.spi.datastore.Health;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.Resources;
import dev.steward.spi.platform.ServerSpec;
import dev.steward.spi.platform.StopSignal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateEngineLifecycleTest {
  private static final ErrorCodeSupplier EXITED =
      () -> new ErrorCode(0x0009_FFFF, "TEST_EXITED", ErrorCategory.INTERNAL, false);

  private final FakeHost host = new FakeHost();
  private final InstanceContext instance =
      new InstanceContext(
          "instance-1",
          new DatastoreVersion("1.0", "1.0.3"),
          new Resources(512, 1, 1),
          host,
          Secret.of("secret"));

  /** Journals every hook; a bootstrap server only when asked; probes fail a given number. */
  private class Engine extends TemplateEngineLifecycle {
    private final boolean withBootstrap;
    private int probeFailures;
    private RuntimeException bootstrapFailure;
    private Health health = new Health(Health.Status.HEALTHY, "answers");

    Engine(boolean withBootstrap) {
      super(new StartupPolicy("Test", Duration.ofSeconds(5), Duration.ofMillis(1), EXITED));
      this.withBootstrap = withBootstrap;
    }

    @Override
    protected void initialize(InstanceContext context) {
      host.record("initialize");
      host.writeFile(HostDirectory.CONFIG, "engine.conf", new byte[] {1});
    }

    @Override
    protected Optional<ServerSpec> bootstrapServer(InstanceContext context) {
      if (!withBootstrap) {
        return Optional.empty();
      }
      return Optional.of(spec("bootstrap-server"));
    }

    @Override
    protected void bootstrap(InstanceContext context) {
      host.record("bootstrap");
      if (bootstrapFailure != null) {
        throw bootstrapFailure;
      }
    }

    @Override
    protected ServerSpec serverSpec(InstanceContext context) {
      return spec("server");
    }

    @Override
    protected void probeReady(InstanceContext context) {
      host.record("probe");
      if (probeFailures > 0) {
        probeFailures--;
        throw new IllegalStateException("not yet");
      }
    }

    @Override
    protected void afterStart(InstanceContext context) {
      host.record("afterStart");
    }

    @Override
    protected Health probeHealth(InstanceContext context) {
      host.record("probeHealth");
      return health;
    }
  }

  private static ServerSpec spec(String program) {
    return new ServerSpec(List.of(program), Map.of(), StopSignal.TERM, Duration.ofSeconds(1));
  }

  @Test
  void prepareRunsTheHooksInOrderAndWritesTheMarkerLast() {
    new Engine(false).prepare(instance);

    assertThat(host.journal)
        .containsExactly(
            "stopServer",
            "clear DATA",
            "initialize",
            "write CONFIG/engine.conf",
            "write CONFIG/" + PreparedMarker.FILE_NAME);
    assertThat(PreparedMarker.isPrepared(host)).isTrue();
  }

  @Test
  void prepareRunsTheBootstrapServerAroundBootstrap() {
    new Engine(true).prepare(instance);

    assertThat(host.journal)
        .containsExactly(
            "stopServer",
            "clear DATA",
            "initialize",
            "write CONFIG/engine.conf",
            "startServer bootstrap-server",
            "bootstrap",
            "stopServer",
            "write CONFIG/" + PreparedMarker.FILE_NAME);
  }

  @Test
  void prepareChangesNothingWhenTheEngineIsNotInstalled() {
    Engine engine =
        new Engine(true) {
          @Override
          protected void requireInstalled(InstanceContext context) {
            throw new StewardException(StandardErrorCode.BINARY_NOT_FOUND, "no server binary");
          }
        };

    assertThatThrownBy(() -> engine.prepare(instance)).hasMessage("no server binary");
    assertThat(host.journal).isEmpty();
  }

  @Test
  void aSecondPrepareDoesNothing() {
    Engine engine = new Engine(true);
    engine.prepare(instance);
    host.journal.clear();

    engine.prepare(instance);

    assertThat(host.journal).isEmpty();
  }

  @Test
  void aFailedBootstrapStopsItsServerAndLeavesNoMarkerSoPrepareStartsAgain() {
    Engine engine = new Engine(true);
    engine.bootstrapFailure = new IllegalStateException("refused");

    assertThatThrownBy(() -> engine.prepare(instance)).hasMessage("refused");
    assertThat(host.journal).endsWith("bootstrap", "stopServer");
    assertThat(PreparedMarker.isPrepared(host)).isFalse();

    engine.bootstrapFailure = null;
    host.journal.clear();
    engine.prepare(instance);
    assertThat(host.journal).startsWith("stopServer", "clear DATA", "initialize");
    assertThat(PreparedMarker.isPrepared(host)).isTrue();
  }

  @Test
  void startRefusesAnUnpreparedHost() {
    assertThatThrownBy(() -> new Engine(false).start(instance))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INVALID_STATE)).isTrue());
    assertThat(host.journal).isEmpty();
  }

  @Test
  void startSpawnsTheServerPollsUntilItAnswersThenCallsAfterStart() {
    Engine engine = new Engine(false);
    engine.prepare(instance);
    host.journal.clear();
    engine.probeFailures = 2;

    engine.start(instance);

    assertThat(host.journal)
        .containsExactly("startServer server", "probe", "probe", "probe", "afterStart");
  }

  @Test
  void aProbeThatKnowsWaitingCannotHelpEndsTheStartAtOnce() {
    Engine engine =
        new Engine(false) {
          @Override
          protected void probeReady(InstanceContext context) {
            throw new StewardException(StandardErrorCode.ENGINE_ERROR, "password refused");
          }
        };
    engine.prepare(instance);

    assertThatThrownBy(() -> engine.start(instance)).hasMessage("password refused");
    assertThat(host.journal).doesNotContain("afterStart");
  }

  @Test
  void stopStopsTheServer() {
    new Engine(false).stop(instance);

    assertThat(host.journal).containsExactly("stopServer");
  }

  @Test
  void healthIsShutdownWithoutAProcessAndAsksTheEngineOtherwise() {
    Engine engine = new Engine(false);
    assertThat(engine.health(instance).status()).isEqualTo(Health.Status.SHUTDOWN);
    assertThat(host.journal).isEmpty();

    host.startServer(spec("server"));
    assertThat(engine.health(instance).status()).isEqualTo(Health.Status.HEALTHY);
    assertThat(host.journal).endsWith("probeHealth");
  }

  @Test
  void healthNeverThrows() {
    Engine engine =
        new Engine(false) {
          @Override
          protected Health probeHealth(InstanceContext context) {
            throw new IllegalStateException("client broke");
          }
        };
    host.startServer(spec("server"));

    Health health = engine.health(instance);

    assertThat(health.status()).isEqualTo(Health.Status.RUNNING);
    assertThat(health.detail()).contains("IllegalStateException");
  }
}
