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

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.toolkit.validation.PasswordRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The ACL rules Steward gives each kind of Redis user, and the ACL file written at prepare.
 *
 * <p>Passwords are sent and stored only as SHA-256 hashes ({@code #<hex>} rules, Redis's own
 * format), computed in this process: the clear password never reaches the server, its ACL file,
 * {@code MONITOR} or {@code SLOWLOG}. Redis hashes the password a client sends with AUTH the same
 * way, so AUTH with the clear password works.
 *
 * <ul>
 *   <li>A Steward user: {@code on #<hash> ~* &* +@all -@admin -@dangerous -acl -config -shutdown
 *       -debug -module}: every key and channel of every logical database, every data command, but
 *       nothing that changes users, configuration, persistence, replication or the server's life
 *       (the explicit denials hold even if a future Redis moves a command out of a category).
 *   <li>Root, Redis's {@code default} user (the one {@code requirepass} sets the password of, so
 *       {@code AUTH <password>} without a user name works): {@code on #<hash> ~* &* +@all -acl
 *       +acl|whoami +acl|cat -config -shutdown -debug -module -replicaof -slaveof -failover}: a
 *       superuser for data and introspection (FLUSHALL, KEYS, CLIENT, INFO, SAVE, MONITOR) that
 *       still cannot take the instance away from Steward (users, configuration such as {@code dir},
 *       replication, shutdown).
 *   <li>Root disabled: {@code reset}, that is off, no password, no keys, no channels, no commands;
 *       nobody can authenticate as {@code default}.
 *   <li>Steward's administrator {@code steward_admin}: {@code on #<hash> ~* &* +@all}.
 * </ul>
 */
final class AclRules {
  static final int MAX_PASSWORD_LENGTH = 1024;
  static final PasswordRule PASSWORD = PasswordRule.characters(MAX_PASSWORD_LENGTH);

  /** Commands no Steward user may run, whatever their ACL categories. */
  static final List<String> USER_DENIED =
      List.of("-@admin", "-@dangerous", "-acl", "-config", "-shutdown", "-debug", "-module");

  /** What root may not do: the commands that belong to Steward's control plane. */
  static final List<String> ROOT_DENIED =
      List.of(
          "-acl",
          "+acl|whoami",
          "+acl|cat",
          "-config",
          "-shutdown",
          "-debug",
          "-module",
          "-replicaof",
          "-slaveof",
          "-failover");

  private static final List<String> EVERYTHING = List.of("~*", "&*", "+@all");

  private AclRules() {}

  /** Rules of a Steward user; {@code reset} first so a repeated step converges. */
  static List<String> user(Secret password) {
    List<String> rules = new ArrayList<>(List.of("reset", "on", passwordHashRule(password)));
    rules.addAll(EVERYTHING);
    rules.addAll(USER_DENIED);
    return List.copyOf(rules);
  }

  /** Rules of the enabled root account (the {@code default} user). */
  static List<String> rootEnabled(Secret password) {
    List<String> rules = new ArrayList<>(List.of("reset", "on", passwordHashRule(password)));
    rules.addAll(EVERYTHING);
    rules.addAll(ROOT_DENIED);
    return List.copyOf(rules);
  }

  /** Rules of the disabled root account: off, without password, keys, channels or commands. */
  static List<String> rootDisabled() {
    return List.of("reset");
  }

  /** Rules of Steward's internal administrator. */
  static List<String> admin(Secret password) {
    List<String> rules = new ArrayList<>(List.of("reset", "on", passwordHashRule(password)));
    rules.addAll(EVERYTHING);
    return List.copyOf(rules);
  }

  /** Replaces a user's passwords, leaving its permissions alone. */
  static List<String> newPassword(Secret password) {
    return List.of("resetpass", passwordHashRule(password));
  }

  /** The ACL file of a new instance: root disabled, Steward's administrator enabled. */
  static String aclFile(Secret adminPassword) {
    return "user "
        + Names.DEFAULT_USER
        + " "
        + String.join(" ", rootDisabled())
        + "\nuser "
        + Names.ADMIN_USER
        + " "
        + String.join(" ", admin(adminPassword))
        + "\n";
  }

  /** {@code #} and the lower-case hex SHA-256 of the password's UTF-8 bytes. */
  static String passwordHashRule(Secret password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(password.reveal().getBytes(StandardCharsets.UTF_8));
      return "#" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new StewardException(StandardErrorCode.INTERNAL_ERROR, "SHA-256 is not available", e);
    }
  }

  /** Non-empty, at most 1024 characters, no NUL; the message never shows the password. */
  static void validatePassword(Secret password) {
    PASSWORD.validate(password);
  }
}
