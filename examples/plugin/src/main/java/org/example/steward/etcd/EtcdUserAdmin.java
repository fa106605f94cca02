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
package org.example.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.toolkit.datastore.TemplateUserAdmin;
import dev.steward.toolkit.validation.AnyHost;
import dev.steward.toolkit.validation.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * etcd users and their access to databases. Access to a database is its role ({@link KeySpace});
 * users never get the {@code root} role here. etcd users are not bound to client hosts, so the only
 * host is {@code %}. Passwords travel in request bodies only and are hashed by etcd (bcrypt). etcd
 * checks permissions on every request, so a revoked grant stops the user's next request, even with
 * a token obtained before.
 */
final class EtcdUserAdmin extends TemplateUserAdmin {
  private final Gateway gateway;

  EtcdUserAdmin(Gateway gateway) {
    this.gateway = requireNonNull(gateway, "gateway is null");
  }

  @Override
  public void validate(UserSpec spec) {
    Names.validateUser(spec.user());
    Names.PASSWORD.validate(spec.password());
    spec.databases().forEach(Names.DATABASE::validate);
  }

  @Override
  protected void createUser(InstanceContext instance, UserSpec spec) {
    String name = spec.user().name();
    String action = "Creating user " + Printable.of(name);
    Session admin = Session.admin(gateway, instance);
    Reply added =
        admin.call("auth/user/add", Map.of("name", name, "password", spec.password().reveal()));
    if (added.failedWith(Reply.USER_ALREADY_EXISTS)) {
      changePassword(admin, name, spec.password());
    } else {
      added.require(action);
    }
    grantAll(admin, name, spec.databases());
  }

  @Override
  public List<UserInfo> list(InstanceContext instance) {
    Session admin = Session.admin(gateway, instance);
    List<UserInfo> result = new ArrayList<>();
    for (String name :
        admin.require("auth/user/list", Map.of(), "Listing users").strings("users")) {
      if (!Names.isInternalUser(name)) {
        // A user deleted between the two requests is simply not listed.
        roles(admin, name).ifPresent(roles -> result.add(info(name, roles)));
      }
    }
    result.sort((left, right) -> left.user().name().compareTo(right.user().name()));
    return List.copyOf(result);
  }

  @Override
  public Optional<UserInfo> find(InstanceContext instance, UserRef user) {
    if (!UserRef.ANY_HOST.equals(user.host()) || Names.isInternalUser(user.name())) {
      return Optional.empty();
    }
    Names.EXISTING_USER.validate(user.name());
    return roles(Session.admin(gateway, instance), user.name())
        .map(roles -> info(user.name(), roles));
  }

  @Override
  public void delete(InstanceContext instance, UserRef user) {
    Names.EXISTING_USER.validate(user.name());
    AnyHost.require(user, "etcd");
    Reply deleted =
        Session.admin(gateway, instance).call("auth/user/delete", Map.of("name", user.name()));
    if (!deleted.failedWith(Reply.USER_NOT_FOUND)) {
      deleted.require("Deleting user " + Printable.of(user.name()));
    }
  }

  @Override
  public void changePassword(InstanceContext instance, UserRef user, Secret password) {
    Names.EXISTING_USER.validate(user.name());
    AnyHost.require(user, "etcd");
    Names.PASSWORD.validate(password);
    changePassword(Session.admin(gateway, instance), user.name(), password);
  }

  @Override
  public void grant(InstanceContext instance, UserRef user, List<String> databases) {
    Names.EXISTING_USER.validate(user.name());
    AnyHost.require(user, "etcd");
    databases.forEach(Names.EXISTING_DATABASE::validate);
    grantAll(Session.admin(gateway, instance), user.name(), databases);
  }

  @Override
  public void revoke(InstanceContext instance, UserRef user, String database) {
    Names.EXISTING_USER.validate(user.name());
    AnyHost.require(user, "etcd");
    Names.EXISTING_DATABASE.validate(database);
    Reply revoked =
        Session.admin(gateway, instance)
            .call("auth/user/revoke", Map.of("name", user.name(), "role", KeySpace.role(database)));
    if (!revoked.failedWith(Reply.ROLE_NOT_GRANTED)) {
      revoked.require("Revoking " + Printable.of(database) + " from " + Printable.of(user.name()));
    }
  }

  @Override
  public List<String> access(InstanceContext instance, UserRef user) {
    Names.EXISTING_USER.validate(user.name());
    AnyHost.require(user, "etcd");
    return roles(Session.admin(gateway, instance), user.name())
        .map(EtcdUserAdmin::databases)
        .orElseThrow(() ->
            new StewardException(
                StandardErrorCode.NOT_FOUND,
                "User " + Printable.of(user.name()) + " could not be found"));
  }

  private static void changePassword(Session admin, String name, Secret password) {
    admin.require(
        "auth/user/changepw",
        Map.of("name", name, "password", password.reveal()),
        "Changing the password of " + Printable.of(name));
  }

  private static void grantAll(Session admin, String name, List<String> databases) {
    for (String database : databases) {
      // Granting a role the user holds already is a no-op in etcd.
      admin.require(
          "auth/user/grant",
          Map.of("user", name, "role", KeySpace.role(database)),
          "Granting " + Printable.of(database) + " to " + Printable.of(name));
    }
  }

  /** The user's roles, or empty when the user does not exist. */
  private static Optional<List<String>> roles(Session admin, String name) {
    Reply reply = admin.call("auth/user/get", Map.of("name", name));
    if (reply.failedWith(Reply.USER_NOT_FOUND)) {
      return Optional.empty();
    }
    return Optional.of(reply.require("Reading user " + Printable.of(name)).strings("roles"));
  }

  private static UserInfo info(String name, List<String> roles) {
    return new UserInfo(UserRef.of(name), databases(roles));
  }

  private static List<String> databases(List<String> roles) {
    return roles.stream().map(KeySpace::database).flatMap(Optional::stream).sorted().toList();
  }
}
