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

/**
 * The root (superuser) account a tenant can enable ({@link dev.steward.spi.Capability#ROOT}). It is
 * separate from the engine's internal administrator, which Steward keeps for itself.
 */
public interface RootAdmin {
  /** The account's name as shown to clients (Trove shows {@code root}). */
  String userName();

  /** Creates or re-enables the root account with this password; idempotent. */
  void enable(InstanceContext instance, Secret password);

  /** Disables the root account so it can no longer log in; idempotent. */
  void disable(InstanceContext instance);

  /** Whether the root account can log in now. */
  boolean isEnabled(InstanceContext instance);
}
