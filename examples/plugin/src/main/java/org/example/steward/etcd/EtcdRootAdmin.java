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
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.toolkit.datastore.TemplateRootAdmin;
import java.util.Map;

/**
 * The tenant's root account: etcd's own {@code root} user, which holds the {@code root} role for
 * good, because etcd refuses to delete {@code root} or revoke its {@code root} role while
 * authentication is on ({@code etcdserver: invalid auth management}, measured on 3.4.23). So:
 *
 * <ul>
 *   <li>enable sets root's password, then grants it the marker role {@code steward_root_enabled};
 *   <li>disable replaces the password by 256 random bits nobody keeps (etcd also drops root's
 *       tokens on a password change), then revokes the marker role;
 *   <li>enabled means: root holds the marker role.
 * </ul>
 *
 * <p>The order makes an interrupted step err on the safe side: a crash inside disable can leave
 * root reported enabled while its password is already gone, never the other way round. Steward's
 * own {@code steward_admin} is a separate user, so disabling root never locks Steward out.
 */
final class EtcdRootAdmin extends TemplateRootAdmin {
  private final Gateway gateway;

  EtcdRootAdmin(Gateway gateway) {
    super(AuthBootstrap.ROOT_USER, Names.PASSWORD);
    this.gateway = requireNonNull(gateway, "gateway is null");
  }

  @Override
  protected void enableRoot(InstanceContext instance, Secret password) {
    Session admin = Session.admin(gateway, instance);
    setPassword(admin, password, "Enabling root");
    Reply added = admin.call("auth/role/add", Map.of("name", AuthBootstrap.ROOT_ENABLED_ROLE));
    if (!added.failedWith(Reply.ROLE_ALREADY_EXISTS)) {
      added.require("Enabling root");
    }
    admin.require(
        "auth/user/grant",
        Map.of("user", AuthBootstrap.ROOT_USER, "role", AuthBootstrap.ROOT_ENABLED_ROLE),
        "Enabling root");
  }

  @Override
  public void disable(InstanceContext instance) {
    Session admin = Session.admin(gateway, instance);
    setPassword(admin, AuthBootstrap.unusablePassword(), "Disabling root");
    Reply revoked =
        admin.call(
            "auth/user/revoke",
            Map.of("name", AuthBootstrap.ROOT_USER, "role", AuthBootstrap.ROOT_ENABLED_ROLE));
    if (!revoked.failedWith(Reply.ROLE_NOT_GRANTED)) {
      revoked.require("Disabling root");
    }
  }

  @Override
  public boolean isEnabled(InstanceContext instance) {
    return Session.admin(gateway, instance)
        .require("auth/user/get", Map.of("name", AuthBootstrap.ROOT_USER), "Reading root")
        .strings("roles")
        .contains(AuthBootstrap.ROOT_ENABLED_ROLE);
  }

  private static void setPassword(Session admin, Secret password, String action) {
    admin.require(
        "auth/user/changepw",
        Map.of("name", AuthBootstrap.ROOT_USER, "password", password.reveal()),
        action);
  }
}
