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
package dev.steward.datastore.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.MongoException;
import dev.steward.spi.Secret;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.toolkit.datastore.TemplateRootAdmin;

/**
 * The tenant's superuser: a user {@code root} in {@code admin} with the role {@code root} there,
 * separate from Steward's internal {@code steward_admin}. Enabling creates it, or sets its password
 * and gives it back exactly that role; disabling drops it (so it can no longer log in, and mongod
 * refuses the commands of its open connections).
 */
final class MongodbRootAdmin extends TemplateRootAdmin {
  private final EngineClients clients;

  MongodbRootAdmin(EngineClients clients) {
    super(Names.ROOT_USER, Names.PASSWORD);
    this.clients = requireNonNull(clients, "clients is null");
  }

  @Override
  protected void enableRoot(InstanceContext instance, Secret password) {
    clients.withAdmin(
        instance,
        "Enabling root",
        client -> {
          if (MongodbUserAdmin.find(client, Names.ROOT_USER).isEmpty()) {
            try {
              EngineClients.runOnAdmin(
                  client,
                  Commands.createUser(Names.ROOT_USER, password, Commands.superuserRoles()));
              return null;
            } catch (MongoException e) {
              if (!EngineClients.hasCode(e, MongodbUserAdmin.USER_EXISTS)) {
                throw e;
              }
            }
          }
          EngineClients.runOnAdmin(
              client, Commands.replaceUser(Names.ROOT_USER, password, Commands.superuserRoles()));
          return null;
        });
  }

  @Override
  public void disable(InstanceContext instance) {
    clients.withAdmin(
        instance,
        "Disabling root",
        client -> {
          try {
            EngineClients.runOnAdmin(client, Commands.dropUser(Names.ROOT_USER));
          } catch (MongoException e) {
            if (!EngineClients.hasCode(e, MongodbUserAdmin.USER_NOT_FOUND)) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public boolean isEnabled(InstanceContext instance) {
    return clients.withAdmin(
        instance,
        "Reading root's state",
        client -> MongodbUserAdmin.find(client, Names.ROOT_USER).isPresent());
  }
}
