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

import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.toolkit.validation.Printable;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns on authentication on a fresh server, during prepare.
 *
 * <p>etcd starts without authentication, and {@code auth/enable} requires a user named {@code root}
 * holding the {@code root} role. So the bootstrap creates {@code steward_admin} (the admin password
 * of the instance, role {@code root}: Steward's own account, which a tenant never sees), {@code
 * root} (role {@code root}, with a random password nobody keeps: the tenant's root account,
 * disabled until the tenant enables it) and the marker role {@code steward_root_enabled}, then
 * enables authentication.
 *
 * <p>Between the server's start and {@code auth/enable} (a fraction of a second), anyone on the
 * machine who can reach the instance's address could talk to the server unauthenticated. A Unix
 * socket would close that window, but etcd 3.4 only binds sockets relative to its working
 * directory, which the SPI does not define. Instead, once authentication is on (after which nothing
 * can change without credentials), the bootstrap checks, as {@code steward_admin}, that the server
 * holds exactly what it created: these two users with only the {@code root} role, no other role, a
 * marker role without permissions, no key and one member. Anything else fails with {@link
 * EtcdErrorCode#BOOTSTRAP_STATE_UNEXPECTED}, and prepare starts over next time.
 */
final class AuthBootstrap {
  static final String ROOT_USER = "root";
  static final String ROOT_ROLE = "root";
  static final String ROOT_ENABLED_ROLE = "steward_root_enabled";

  private static final SecureRandom RANDOM = new SecureRandom();

  private AuthBootstrap() {}

  static void run(Gateway gateway, InstanceContext instance) {
    Session open = Session.unauthenticated(gateway, instance.host().address());
    addUser(open, Session.ADMIN_USER, instance.adminPassword());
    grantRole(open, Session.ADMIN_USER, ROOT_ROLE);
    addUser(open, ROOT_USER, unusablePassword());
    grantRole(open, ROOT_USER, ROOT_ROLE);
    open.require("auth/role/add", Map.of("name", ROOT_ENABLED_ROLE), "Adding the marker role");
    open.require("auth/enable", Map.of(), "Enabling authentication");
    verify(gateway, instance);
  }

  /** A password of 256 random bits that is never stored: the account cannot be logged into. */
  static Secret unusablePassword() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Secret.of(Base64.getEncoder().withoutPadding().encodeToString(bytes));
  }

  private static void addUser(Session session, String user, Secret password) {
    session.require(
        "auth/user/add",
        Map.of("name", user, "password", password.reveal()),
        "Adding user " + user);
  }

  private static void grantRole(Session session, String user, String role) {
    session.require(
        "auth/user/grant",
        Map.of("user", user, "role", role),
        "Granting role " + role + " to " + user);
  }

  /** Checks the server holds exactly what {@link #run} created (package-private for tests). */
  static void verify(Gateway gateway, InstanceContext instance) {
    List<String> problems = new ArrayList<>();
    Reply unauthenticated =
        Session.unauthenticated(gateway, instance.host().address())
            .call("auth/user/list", Map.of());
    if (!unauthenticated.failedWith(Reply.USER_EMPTY)) {
      problems.add("authentication is not enforced");
    }
    Session admin = Session.admin(gateway, instance);
    Set<String> users =
        new TreeSet<>(admin.require("auth/user/list", Map.of(), "Listing users").strings("users"));
    if (!users.equals(Set.of(ROOT_USER, Session.ADMIN_USER))) {
      problems.add("users are " + users.stream().map(Printable::of).toList());
    }
    for (String user : List.of(ROOT_USER, Session.ADMIN_USER)) {
      List<String> roles =
          admin.require("auth/user/get", Map.of("name", user), "Reading " + user).strings("roles");
      if (!roles.equals(List.of(ROOT_ROLE))) {
        problems.add(user + " has roles " + roles.stream().map(Printable::of).toList());
      }
    }
    Set<String> roles =
        new TreeSet<>(admin.require("auth/role/list", Map.of(), "Listing roles").strings("roles"));
    roles.remove(ROOT_ROLE);
    if (!roles.equals(Set.of(ROOT_ENABLED_ROLE))) {
      problems.add("roles are " + roles.stream().map(Printable::of).toList());
    }
    if (!admin
        .require("auth/role/get", Map.of("role", ROOT_ENABLED_ROLE), "Reading the marker role")
        .objects("perm")
        .isEmpty()) {
      problems.add("the marker role grants permissions");
    }
    long keys =
        admin
            .require(
                "kv/range",
                Map.of("key", "AA==", "range_end", "AA==", "count_only", true),
                "Counting keys")
            .int64("count");
    if (keys != 0) {
      problems.add(keys + " keys exist");
    }
    int members =
        admin.require("cluster/member/list", Map.of(), "Listing members").objects("members").size();
    if (members != 1) {
      problems.add(members + " members exist");
    }
    if (!problems.isEmpty()) {
      throw new StewardException(
          EtcdErrorCode.BOOTSTRAP_STATE_UNEXPECTED,
          "The etcd server of instance "
              + instance.instanceId()
              + " holds state Steward did not create during its bootstrap: "
              + String.join("; ", problems));
    }
  }
}
