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
package dev.steward.datastore.postgresql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.toolkit.datastore.TemplateRootAdmin;
import java.util.Optional;

/**
 * The tenant's superuser {@code root}, separate from Steward's internal {@code postgres}. Enabling
 * creates it (or gives it SUPERUSER LOGIN again) and sets its password as a client-side SCRAM
 * verifier; disabling makes it NOLOGIN without a password and ends its sessions.
 */
final class PostgresqlRootAdmin extends TemplateRootAdmin {
  static final String ROOT = "root";
  private static final String QUOTED = Names.quoteIdentifier(ROOT);

  private final EngineConnections connections;

  PostgresqlRootAdmin(EngineConnections connections) {
    super(ROOT, Roles.PASSWORD);
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  protected void enableRoot(InstanceContext instance, Secret password) {
    connections.withAdmin(
        instance,
        EngineConnections.MAINTENANCE_DATABASE,
        "Enabling root",
        connection -> {
          if (Roles.exists(connection, ROOT)) {
            Roles.execute(connection, "ALTER ROLE " + QUOTED + " SUPERUSER LOGIN");
          } else {
            Roles.execute(connection, "CREATE ROLE " + QUOTED + " SUPERUSER LOGIN");
          }
          EngineConnections.setPassword(connection, ROOT, password);
          return null;
        });
  }

  @Override
  public void disable(InstanceContext instance) {
    connections.withAdmin(
        instance,
        EngineConnections.MAINTENANCE_DATABASE,
        "Disabling root",
        connection -> {
          if (Roles.exists(connection, ROOT)) {
            Roles.execute(connection, "ALTER ROLE " + QUOTED + " NOLOGIN PASSWORD NULL");
            Roles.terminateSessions(connection, ROOT, Optional.empty());
          }
          return null;
        });
  }

  @Override
  public boolean isEnabled(InstanceContext instance) {
    return connections.withAdmin(
        instance,
        EngineConnections.MAINTENANCE_DATABASE,
        "Reading root's state",
        connection -> Roles.canLogin(connection, ROOT).orElse(false));
  }
}
