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
package dev.steward.datastore.redis;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.toolkit.datastore.TemplateRootAdmin;
import io.lettuce.core.KillArgs;
import java.util.List;

/**
 * Root is Redis's {@code default} user, the one {@code requirepass} names and {@code AUTH
 * <password>} (without a user name) logs in as. Trove's Redis root semantics: enabling sets the
 * password {@code requirepass} would have, and gives the user {@link AclRules#rootEnabled the root
 * rules}. Disabling {@code reset}s the user: off, no password, no permissions, so nobody can log in
 * as it, and ends its connections; no secret remains that anyone, Steward included, could use.
 * Steward itself works as {@code steward_admin} throughout and never needs {@code default}.
 */
final class RedisRootAdmin extends TemplateRootAdmin {
  private final EngineConnections connections;

  RedisRootAdmin(EngineConnections connections) {
    super(Names.DEFAULT_USER, AclRules.PASSWORD);
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  protected void enableRoot(InstanceContext instance, Secret password) {
    connections.withAdmin(
        instance,
        "Enabling root",
        commands -> {
          EngineConnections.setUserAndSave(
              commands, Names.DEFAULT_USER, AclRules.rootEnabled(password));
          return null;
        });
  }

  @Override
  public void disable(InstanceContext instance) {
    connections.withAdmin(
        instance,
        "Disabling root",
        commands -> {
          EngineConnections.setUserAndSave(commands, Names.DEFAULT_USER, AclRules.rootDisabled());
          commands.clientKill(KillArgs.Builder.user(Names.DEFAULT_USER));
          return null;
        });
  }

  @Override
  public boolean isEnabled(InstanceContext instance) {
    return connections.withAdmin(
        instance,
        "Reading root's state",
        commands -> flags(commands.aclGetuser(Names.DEFAULT_USER)).contains("on"));
  }

  /** The {@code flags} entry of an {@code ACL GETUSER} reply (RESP2: alternating name, value). */
  static List<Object> flags(List<Object> reply) {
    if (reply == null) {
      return List.of();
    }
    for (int index = 0; index + 1 < reply.size(); index += 2) {
      if ("flags".equals(reply.get(index)) && reply.get(index + 1) instanceof List<?> values) {
        return List.copyOf(values);
      }
    }
    return List.of();
  }
}
