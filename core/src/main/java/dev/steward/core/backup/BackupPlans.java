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
package dev.steward.core.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.core.instance.InstanceContexts;
import dev.steward.core.model.InstanceState;
import dev.steward.core.operation.OperationPlan;
import dev.steward.core.operation.OperationResource;
import dev.steward.core.operation.StepContext;
import dev.steward.core.store.InstanceStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The backup plans. {@code backup.create} holds the instance (state BACKUP, the engine keeps
 * serving) and has one step that streams the whole backup; repeated after a crash, it starts over,
 * and on failure its compensation removes every stored object, the backup ends FAILED and the
 * instance is ACTIVE again. {@code backup.delete} removes a backup and its descendants (Trove
 * deletes the chain) under the backups' own locks.
 */
@Singleton
public final class BackupPlans {
  public static final String CREATE = "backup.create";
  public static final String DELETE = "backup.delete";

  private final BackupStore backups;
  private final BackupStateMachine states;
  private final BackupPipeline pipeline;
  private final InstanceStore instances;
  private final InstanceContexts contexts;
  private final Clock clock;

  /** Payload of {@code backup.create}. */
  record Create(String backupId) {}

  /** Payload of {@code backup.delete}: the backup and its descendants, children before parents. */
  record Delete(List<String> backupIds) {}

  @Inject
  public BackupPlans(
      BackupStore backups,
      BackupStateMachine states,
      BackupPipeline pipeline,
      InstanceStore instances,
      InstanceContexts contexts,
      Clock clock) {
    this.backups = requireNonNull(backups, "backups is null");
    this.states = requireNonNull(states, "states is null");
    this.pipeline = requireNonNull(pipeline, "pipeline is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.contexts = requireNonNull(contexts, "contexts is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Set<OperationPlan> plans() {
    return Set.of(createPlan(), deletePlan());
  }

  private OperationPlan createPlan() {
    return OperationPlan.builder(CREATE)
        .step("stream-backup", this::stream, this::remove)
        .onSuccess((handle, context) -> {
          states.completed(handle, context.payload(Create.class).backupId(), context.operationId());
          serveOn(handle, context.instanceId());
        })
        .onFailure((handle, context, fault) -> {
          states.failed(
              handle, context.payload(Create.class).backupId(), context.operationId(), fault);
          // The engine is unharmed by a failed backup: the instance serves on.
          serveOn(handle, context.instanceId());
        })
        .build();
  }

  /** The backed-up instance is ACTIVE again, whatever became of its backup. */
  private void serveOn(Handle handle, String instanceId) {
    instances.transition(
        handle, instanceId, InstanceState.ACTIVE, Optional.empty(), clock.instant());
  }

  /** Works on the backup it deletes (the root of the chain), not on an instance. */
  private OperationPlan deletePlan() {
    return OperationPlan.builder(DELETE)
        .resource(OperationResource.Kind.BACKUP)
        .step(
            "delete-objects",
            c -> c.payload(Delete.class).backupIds().forEach(pipeline::removeObjects))
        .onSuccess((handle, context) -> {
          for (String backupId : context.payload(Delete.class).backupIds()) {
            states.deleted(handle, backupId, context.operationId());
          }
        })
        .onFailure((handle, context, fault) -> {
          for (String backupId : context.payload(Delete.class).backupIds()) {
            states.deleteFailed(handle, backupId, context.operationId(), fault);
          }
        })
        .build();
  }

  private void stream(StepContext context) {
    String backupId = context.payload(Create.class).backupId();
    Backup backup = backups.find(backupId).orElseThrow(() -> Backups.notFound(backupId));
    pipeline.run(backup, contexts.context(backup.instanceId()));
  }

  private void remove(StepContext context) {
    pipeline.removeObjects(context.payload(Create.class).backupId());
  }
}
