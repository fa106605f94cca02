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

import static java.util.Objects.requireNonNull;

import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.OperationPlan;
import dev.steward.core.operation.Step;
import dev.steward.core.operation.StepContext;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.store.InstanceStore;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.EngineLifecycle;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.spi.platform.HostRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The plans of the instance lifecycle: create (also from a backup or the warm pool), delete,
 * restart.
 */
@Singleton
public final class InstancePlans {
  public static final String CREATE = "instance.create";
  public static final String DELETE = "instance.delete";
  public static final String RESTART = "instance.restart";

  /** Creates a warm-pool instance: as {@link #CREATE} without databases and users, ends POOLED. */
  public static final String CREATE_POOLED = "instance.create-pooled";

  /** Finishes a claimed warm-pool instance: creates the request's databases and users. */
  public static final String CLAIM = "instance.claim";

  /**
   * Creates an instance from a backup. A physical restore skips {@link #LOGICAL_ONLY}: the strategy
   * writes the engine's files (every chunk verified as it streams) and the engine starts only
   * afterwards. A logical restore skips {@link #PHYSICAL_ONLY}: every chunk is verified in a full
   * pass before the freshly prepared engine sees a byte. The backups it reads stay held (a delete
   * is refused) until the operation ends.
   */
  public static final String RESTORE = "instance.restore";

  static final Set<String> PHYSICAL_ONLY = Set.of("restore-files", "adopt-files");
  static final Set<String> LOGICAL_ONLY =
      Set.of("verify-backup", "prepare-engine", "restore-into-engine");

  static final String CREATE_DATABASES_STEP = "create-databases";
  static final String CREATE_USERS_STEP = "create-users";

  private final Plugins plugins;
  private final InstanceStore instances;
  private final InstanceContexts contexts;
  private final Clock clock;
  private final RestoreSource restores;

  @Inject
  public InstancePlans(
      Plugins plugins,
      InstanceStore instances,
      InstanceContexts contexts,
      Clock clock,
      RestoreSource restores) {
    this.restores = requireNonNull(restores, "restores is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Set<OperationPlan> plans() {
    Step provision = Step.of("provision-host", this::provision, this::destroy);
    Step prepare = Step.of("prepare-engine", c -> lifecycle(c).prepare(context(c)));
    Step start = Step.of("start-engine", this::start, this::stopIfHosted);
    List<Step> host = List.of(provision, prepare, start);
    List<Step> content =
        List.of(
            Step.of(CREATE_DATABASES_STEP, this::createDatabases),
            Step.of(CREATE_USERS_STEP, this::createUsers));
    return Set.of(
        plan(CREATE, InstanceState.ACTIVE).steps(host).steps(content).build(),
        plan(CREATE_POOLED, InstanceState.POOLED).steps(host).build(),
        plan(CLAIM, InstanceState.ACTIVE).steps(content).build(),
        plan(
                RESTORE,
                InstanceState.ACTIVE,
                (handle, context) -> restores.release(handle, context.operationId()))
            .step(provision)
            .step("verify-backup", c -> restores.verify(restoreFrom(c)))
            .step("restore-files", this::restoreFiles)
            .step("adopt-files", c -> restores.adopt(datastore(c), context(c)))
            .step(prepare)
            .step(start)
            .step(
                "restore-into-engine",
                c -> noted(c, "restore-into-engine", restores.restore(restoreFrom(c), context(c))))
            .steps(content)
            .build(),
        plan(DELETE, InstanceState.DELETED)
            .step("stop-engine", this::stopIfHosted)
            .step("destroy-host", this::destroy)
            .build(),
        plan(RESTART, InstanceState.ACTIVE)
            .step("stop-engine", this::stopIfHosted)
            .step("start-engine", this::start)
            .build());
  }

  /** A plan whose instance ends in {@code success}, or in ERROR with the fault. */
  private OperationPlan.Builder plan(String type, InstanceState success) {
    return plan(type, success, (handle, context) -> {});
  }

  /** As {@link #plan(String, InstanceState)}; the terminal transaction also runs {@code ended}. */
  private OperationPlan.Builder plan(
      String type, InstanceState success, OperationPlan.SuccessHook ended) {
    return OperationPlan.builder(type)
        .onSuccess((handle, context) -> {
          instances.transition(
              handle, context.instanceId(), success, Optional.empty(), clock.instant());
          ended.run(handle, context);
        })
        .onFailure((handle, context, fault) -> {
          instances.transition(
              handle,
              context.instanceId(),
              InstanceState.ERROR,
              Optional.of(fault),
              clock.instant());
          ended.run(handle, context);
        });
  }

  private static String restoreFrom(StepContext context) {
    return context.payload(Payloads.Create.class).restoreFrom();
  }

  /** The strategy writes the engine's files into the host's (cleared) data directory. */
  private void restoreFiles(StepContext context) {
    InstanceContext instance = context(context);
    instance.host().clear(HostDirectory.DATA);
    noted(context, "restore-files", restores.restore(restoreFrom(context), instance));
  }

  /**
   * Records what a restore did not carry over (users without their passwords, …) in the restore's
   * history, outcome {@code NOTICE}: the caller reads it there.
   */
  private static void noted(StepContext context, String step, List<String> notices) {
    notices.forEach(notice -> context.notice(step, notice));
  }

  private void provision(StepContext context) {
    Instance instance = contexts.instance(context.instanceId());
    Host host =
        plugins
            .platform()
            .provision(new HostRequest(instance.id(), instance.datastore(), instance.resources()));
    instances.setAddress(instance.id(), host.address().getHostAddress(), clock.instant());
  }

  private void destroy(StepContext context) {
    plugins.platform().destroy(context.instanceId());
  }

  private void start(StepContext context) {
    lifecycle(context).start(context(context));
  }

  private void stopIfHosted(StepContext context) {
    Instance instance = contexts.instance(context.instanceId());
    Optional<Host> host = plugins.platform().find(instance.id());
    if (host.isPresent()) {
      contexts.datastore(instance).lifecycle().stop(contexts.context(instance, host.get()));
    }
  }

  private void createDatabases(StepContext context) {
    Payloads.Create payload = context.payload(Payloads.Create.class);
    if (payload.databases().isEmpty()) {
      return;
    }
    DatabaseAdmin admin = datastore(context).databases().orElseThrow();
    InstanceContext instance = context(context);
    payload.databases().forEach(database -> admin.create(instance, database.spec()));
  }

  private void createUsers(StepContext context) {
    Payloads.Create payload = context.payload(Payloads.Create.class);
    if (payload.users().isEmpty()) {
      return;
    }
    UserAdmin admin = datastore(context).users().orElseThrow();
    InstanceContext instance = context(context);
    payload.users().forEach(user -> admin.create(instance, user.spec()));
  }

  private Datastore datastore(StepContext context) {
    return contexts.datastore(contexts.instance(context.instanceId()));
  }

  private EngineLifecycle lifecycle(StepContext context) {
    return datastore(context).lifecycle();
  }

  private InstanceContext context(StepContext context) {
    return contexts.context(context.instanceId());
  }
}
