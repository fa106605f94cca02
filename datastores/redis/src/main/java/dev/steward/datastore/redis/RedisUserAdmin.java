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
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.toolkit.datastore.TemplateUserAdmin;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Optional;

/**
 * Users of a Redis instance: Redis 6+ ACL users with {@link AclRules#user the user rules} (every
 * key and channel, every data command, no ACL, CONFIG, SHUTDOWN, DEBUG, MODULE or other admin or
 * dangerous command). Redis has no databases to grant (logical databases 0-15 are numbered key
 * spaces without permissions), so every user sees every key and the grant methods fail with {@code
 * NOT_SUPPORTED}: the datastore does not declare {@link dev.steward.spi.Capability#USER_ACCESS}.
 * Every change is followed by {@code ACL SAVE}, so users survive a restart.
 */
final class RedisUserAdmin extends TemplateUserAdmin {
  private final EngineConnections connections;

  RedisUserAdmin(EngineConnections connections) {
    this.connections = requireNonNull(connections, "connections is null");
  }

  @Override
  public void validate(UserSpec spec) {
    Names.validateUserName(spec.user().name());
    Names.requireAnyHost(spec.user());
    AclRules.validatePassword(spec.password());
    // Databases are refused by core (USER_ACCESS is not declared) and again by create.
  }

  @Override
  protected void createUser(InstanceContext instance, UserSpec spec) {
    if (!spec.databases().isEmpty()) {
      throw noDatabases();
    }
    String name = spec.user().name();
    connections.withAdmin(
        instance,
        "Creating user " + Names.printable(name),
        commands -> {
          EngineConnections.setUserAndSave(commands, name, AclRules.user(spec.password()));
          return null;
        });
  }

  @Override
  public List<UserInfo> list(InstanceContext instance) {
    List<String> names =
        connections.withAdmin(instance, "Listing users", commands -> commands.aclUsers());
    return names.stream()
        .filter(name -> !Names.isInternalUser(name))
        .sorted()
        .map(name -> new UserInfo(UserRef.of(name), List.of()))
        .toList();
  }

  @Override
  public Optional<UserInfo> find(InstanceContext instance, UserRef user) {
    Names.requireAnyHost(user);
    Names.requireWellFormed(user.name());
    if (Names.isInternalUser(user.name())) {
      return Optional.empty();
    }
    boolean exists =
        connections.withAdmin(
            instance,
            "Reading user " + Names.printable(user.name()),
            commands -> exists(commands, user.name()));
    if (!exists) {
      return Optional.empty();
    }
    return Optional.of(new UserInfo(UserRef.of(user.name()), List.of()));
  }

  @Override
  public void delete(InstanceContext instance, UserRef user) {
    requireExisting(user);
    connections.withAdmin(
        instance,
        "Dropping user " + Names.printable(user.name()),
        commands -> {
          // DELUSER also disconnects the user's clients.
          if (commands.aclDeluser(user.name()) > 0) {
            commands.aclSave();
          }
          return null;
        });
  }

  @Override
  public void changePassword(InstanceContext instance, UserRef user, Secret password) {
    requireExisting(user);
    AclRules.validatePassword(password);
    connections.withAdmin(
        instance,
        "Changing the password of user " + Names.printable(user.name()),
        commands -> {
          if (!exists(commands, user.name())) {
            throw new StewardException(
                StandardErrorCode.NOT_FOUND,
                "User " + Names.printable(user.name()) + " does not exist");
          }
          EngineConnections.setUserAndSave(commands, user.name(), AclRules.newPassword(password));
          return null;
        });
  }

  @Override
  public void grant(InstanceContext instance, UserRef user, List<String> databases) {
    throw noDatabases();
  }

  @Override
  public void revoke(InstanceContext instance, UserRef user, String database) {
    throw noDatabases();
  }

  @Override
  public List<String> access(InstanceContext instance, UserRef user) {
    throw noDatabases();
  }

  /** Whether ACL USERS lists the name (exactly; names are case-sensitive). */
  static boolean exists(RedisCommands<String, String> commands, String name) {
    return commands.aclUsers().contains(name);
  }

  private static void requireExisting(UserRef user) {
    Names.requireAnyHost(user);
    Names.requireExistingUserName(user.name());
  }

  private static StewardException noDatabases() {
    return new StewardException(
        StandardErrorCode.NOT_SUPPORTED,
        "Redis has no databases to grant: every user reaches every key");
  }
}
