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
package dev.steward.spi.datastore;

import dev.steward.spi.Secret;
import java.util.List;
import java.util.Optional;

/**
 * Users and their access to databases ({@link dev.steward.spi.Capability#USERS}; the grant methods
 * need {@link dev.steward.spi.Capability#USER_ACCESS}).
 *
 * <p>Users created here are ordinary users: they never get administrative rights. The engine's
 * internal administrator and the root account are not listed. {@link #validate} runs on request
 * threads before anything is recorded; the rest runs on operation workers or request threads.
 */
public interface UserAdmin {
  /**
   * Checks a user spec (name, host, password rules); throws {@code INVALID_NAME} or {@code
   * INVALID_ARGUMENT}.
   */
  void validate(UserSpec spec);

  /**
   * Creates the user with its password and grants access to its databases. When the user exists
   * already (a repeated step) it sets the password and grants again.
   */
  void create(InstanceContext instance, UserSpec spec);

  /** Users other than the engine's internal ones, sorted by name. */
  List<UserInfo> list(InstanceContext instance);

  /** One user, or empty. */
  Optional<UserInfo> find(InstanceContext instance, UserRef user);

  /** Drops the user and its grants; does nothing when it does not exist. */
  void delete(InstanceContext instance, UserRef user);

  /** Sets a new password; {@code NOT_FOUND} when the user does not exist. */
  void changePassword(InstanceContext instance, UserRef user, Secret password);

  /** Grants full access to each database; idempotent. */
  void grant(InstanceContext instance, UserRef user, List<String> databases);

  /** Revokes access to a database; idempotent. After it the user cannot read the database. */
  void revoke(InstanceContext instance, UserRef user, String database);

  /** The databases the user has access to, sorted. */
  List<String> access(InstanceContext instance, UserRef user);
}
