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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserAdmin;
import dev.steward.spi.datastore.UserSpec;

/**
 * The UserAdmin rule every engine follows, written once: core calls {@link #validate} when it
 * accepts a request (before any operation exists) and the final {@link #create} on an operation
 * worker, which validates the spec again, so a spec that reaches the engine's {@link #createUser}
 * hook has always passed the engine's naming rules. Every other method is the engine's own.
 */
public abstract class TemplateUserAdmin implements UserAdmin {
  @Override
  public final void create(InstanceContext instance, UserSpec spec) {
    requireNonNull(instance, "instance is null");
    validate(spec);
    createUser(instance, spec);
  }

  /**
   * Creates a user (with its password and initial access) on the instance's server; {@code spec}
   * passed {@link #validate}.
   */
  protected abstract void createUser(InstanceContext instance, UserSpec spec);
}
