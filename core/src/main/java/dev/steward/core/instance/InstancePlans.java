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

import dev.steward.core.backup.BackupPipeline;
import dev.steward.core.model.Fault;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.OperationPlan;
import dev.steward.core.operation.Step;
import dev.steward.core.operation.StepContext;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.OperationStore;
import dev.steward.spi.datastore.DatabaseAdmin;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The plans of the instance lifecycle: create, delete, restart. */
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
   * pass before the freshly prepared engine sees a byte.
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
  private final BackupPipeline pipeline;
  private final OperationStore operations;

  @Inject
  public InstancePlans(
      Plugins plugins,
      InstanceStore instances,
      InstanceContexts contexts,
      Clock clock,
      BackupPipeline pipeline,
      OperationStore operations) {
    this.pipeline = requireNonNull(pipeline, "pipeline is null");
    this.operations = requireNonNull(operations, "operations is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Set<OperationPlan> plans() {
    List<Step> host =
        List.of(
            Step.of("provision-host", this::provision, this::destroy),
            Step.of("prepare-engine", c -> lifecycle(c).prepare(context(c))),
            Step.of("start-engine", this::start, this::stopIfHosted));
    List<Step> content =
        List.of(
            Step.of(CREATE_DATABASES_STEP, this::createDatabases),
            Step.of(CREATE_USERS_STEP, this::createUsers));
    return Set.of(
        plan(
            CREATE,
            java.util.stream.Stream.concat(host.stream(), content.stream()).toList(),
            InstanceState.ACTIVE),
        plan(CREATE_POOLED, host, InstanceState.POOLED),
        plan(CLAIM, content, InstanceState.ACTIVE),
        plan(
            RESTORE,
            List.of(
                host.get(0),
                Step.of("verify-backup", c -> pipeline.verify(restoreFrom(c))),
                Step.of("restore-files", this::restoreFiles),
                Step.of("adopt-files", c -> backupSupport(c).restored(context(c))),
                host.get(1),
                host.get(2),
                Step.of(
                    "restore-into-engine",
                    c -> noted(c, pipeline.restore(restoreFrom(c), context(c)))),
                content.get(0),
                content.get(1)),
            InstanceState.ACTIVE),
        plan(
            DELETE,
            List.of(
                Step.of("stop-engine", this::stopIfHosted), Step.of("destroy-host", this::destroy)),
            InstanceState.DELETED),
        plan(
            RESTART,
            List.of(
                Step.of("stop-engine", this::stopIfHosted), Step.of("start-engine", this::start)),
            InstanceState.ACTIVE));
  }

  private OperationPlan plan(String type, List<Step> steps, InstanceState success) {
    return new OperationPlan() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public List<Step> steps() {
        return steps;
      }

      @Override
      public void succeeded(Handle handle, StepContext context) {
        instances.transition(
            handle, context.instanceId(), success, Optional.empty(), clock.instant());
      }

      @Override
      public void failed(Handle handle, StepContext context, Fault fault) {
        instances.transition(
            handle, context.instanceId(), InstanceState.ERROR, Optional.of(fault), clock.instant());
      }
    };
  }

  private static String restoreFrom(StepContext context) {
    return context.payload(Payloads.Create.class).restoreFrom();
  }

  /** The strategy writes the engine's files into the host's (cleared) data directory. */
  private void restoreFiles(StepContext context) {
    InstanceContext instance = context(context);
    instance.host().clear(dev.steward.spi.platform.HostDirectory.DATA);
    noted(context, pipeline.restore(restoreFrom(context), instance));
  }

  /**
   * Records what a restore did not carry over (users without their passwords, …) on the restore's
   * operation, outcome {@code NOTICE}: the caller reads it in the operation's history.
   */
  private void noted(StepContext context, List<String> notices) {
    notices.forEach(notice ->
        operations.recordStep(
            context.operationId(),
            "restore",
            "EXECUTE",
            "NOTICE",
            Optional.of(notice),
            clock.instant()));
  }

  private dev.steward.spi.datastore.BackupSupport backupSupport(StepContext context) {
    return pipeline.support(datastore(context));
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

  private dev.steward.spi.datastore.EngineLifecycle lifecycle(StepContext context) {
    return datastore(context).lifecycle();
  }

  private InstanceContext context(StepContext context) {
    return contexts.context(context.instanceId());
  }
}
