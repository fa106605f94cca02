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
package dev.steward.core.operation;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * What an operation works on, by kind and id: the engine releases an instance's lock when the
 * operation ends, the plan's finishing hooks release any other kind's, and an operation's list is
 * kept per resource. A backup's id is never taken for an instance's.
 */
public record OperationResource(Kind kind, String id) {
  /** The kinds of resource operations work on. */
  public enum Kind {
    INSTANCE,
    BACKUP
  }

  public OperationResource {
    requireNonNull(kind, "kind is null");
    requireNonNull(id, "id is null");
  }

  public static OperationResource instance(String instanceId) {
    return new OperationResource(Kind.INSTANCE, instanceId);
  }

  public static OperationResource backup(String backupId) {
    return new OperationResource(Kind.BACKUP, backupId);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + " " + id;
  }
}
