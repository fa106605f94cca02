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
package dev.steward.spi;

/**
 * Optional features a datastore version may declare. Provisioning (prepare, start, stop, health) is
 * mandatory and therefore not a capability.
 *
 * <p>Core refuses a request for an undeclared capability with {@link
 * StandardErrorCode#NOT_SUPPORTED} before anything is recorded. The TCK checks declarations both
 * ways: a declared capability must work against a real server, an undeclared one must fail with
 * that canonical error.
 */
public enum Capability {
  /** Create, list and delete databases ({@link dev.steward.spi.datastore.DatabaseAdmin}). */
  DATABASES,
  /**
   * Create, list, show and delete users with passwords ({@link
   * dev.steward.spi.datastore.UserAdmin}).
   */
  USERS,
  /** Grant, revoke and list a user's access to databases. Requires {@link #USERS}. */
  USER_ACCESS,
  /**
   * Enable, disable and show the root (superuser) account ({@link
   * dev.steward.spi.datastore.RootAdmin}).
   */
  ROOT,
}
