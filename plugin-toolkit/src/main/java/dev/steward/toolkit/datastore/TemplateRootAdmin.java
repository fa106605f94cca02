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

import dev.steward.spi.Secret;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.RootAdmin;
import dev.steward.toolkit.validation.PasswordRule;

/**
 * The root account's admin with what every engine does the same way: the account's name, and the
 * engine's password rule checked before any connection. Core's operation workers call the final
 * {@link #enable}, which calls {@link #enableRoot} with a valid password; {@link #disable} and
 * {@link #isEnabled} are the engine's own. A refused password fails with {@code INVALID_ARGUMENT}
 * without showing it.
 */
public abstract class TemplateRootAdmin implements RootAdmin {
  private final String userName;
  private final PasswordRule passwords;

  /**
   * @param userName the root account's name as clients see it
   * @param passwords the engine's password rule
   */
  protected TemplateRootAdmin(String userName, PasswordRule passwords) {
    this.userName = requireNonNull(userName, "userName is null");
    this.passwords = requireNonNull(passwords, "passwords is null");
  }

  @Override
  public final String userName() {
    return userName;
  }

  @Override
  public final void enable(InstanceContext instance, Secret password) {
    requireNonNull(instance, "instance is null");
    passwords.validate(password);
    enableRoot(instance, password);
  }

  /** Creates or unlocks the root account with {@code password}, which passed the rule. */
  protected abstract void enableRoot(InstanceContext instance, Secret password);
}
