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
package dev.steward.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.datastore.TemplateRootAdmin;

/**
 * The tenant's superuser {@code 'root'@'%'}, separate from Steward's {@code os_admin} and from the
 * socket-only {@code root@localhost}. Enabling creates it (or sets its password and unlocks it)
 * with all privileges; disabling locks it and ends its TCP sessions, keeping it as the definer of
 * the views and routines it created.
 */
final class MysqlFamilyRootAdmin extends TemplateRootAdmin {
  static final UserRef ROOT = new UserRef(Distribution.ROOT_USER, UserRef.ANY_HOST);

  private final Distribution distribution;
  private final Accounts accounts;
  private final EngineConnections connections;

  MysqlFamilyRootAdmin(
      Distribution distribution, Accounts accounts, EngineConnections connections) {
    super(Distribution.ROOT_USER, Accounts.PASSWORD);
    this.distribution = requireNonNull(distribution, "distribution is null");
    this.accounts = requireNonNull(accounts, "accounts is null");
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  protected void enableRoot(InstanceContext instance, Secret password) {
    String account = Accounts.account(ROOT);
    String authentication = distribution.authentication(password);
    connections.withAdmin(
        instance,
        "Enabling root",
        connection -> {
          if (accounts.exists(connection, ROOT)) {
            Accounts.execute(
                connection, "ALTER USER " + account + " " + authentication + " ACCOUNT UNLOCK");
          } else {
            Accounts.execute(connection, "CREATE USER " + account + " " + authentication);
          }
          Accounts.execute(
              connection, "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION");
          return null;
        });
  }

  @Override
  public void disable(InstanceContext instance) {
    String account = Accounts.account(ROOT);
    connections.withAdmin(
        instance,
        "Disabling root",
        connection -> {
          if (accounts.exists(connection, ROOT)) {
            Accounts.execute(connection, "ALTER USER " + account + " ACCOUNT LOCK");
            Accounts.endSessions(connection, ROOT.name());
          }
          return null;
        });
  }

  @Override
  public boolean isEnabled(InstanceContext instance) {
    return connections.withAdmin(
        instance,
        "Reading root's state",
        connection -> accounts.exists(connection, ROOT) && !accounts.locked(connection, ROOT));
  }
}
