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

import dev.steward.spi.Secret;
import dev.steward.spi.platform.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One member of the MySQL family (MySQL, MariaDB, Percona Server): everything in which the members
 * differ, behind the family's shared datastore code. The family code calls the protected hooks; a
 * member outside this module (Percona) extends {@link MysqlDistribution} and overrides hooks.
 *
 * <p>Instances are immutable and stateless: one per datastore, created by the plugin on the booting
 * thread and used from every thread afterwards.
 */
public abstract class Distribution {
  /** Steward's internal administrator (Trove's name), separate from the tenant's root. */
  public static final String ADMIN_USER = "os_admin";

  /** The tenant-visible root account's name (its host is always {@code %}). */
  public static final String ROOT_USER = "root";

  private static final Pattern VERSION =
      Pattern.compile("\\bVer\\s+([0-9]+)\\.([0-9]+)\\.([0-9]+)");

  /** Databases of the engine itself; never listed, created or dropped by Steward. */
  private static final Set<String> SYSTEM_DATABASES =
      Set.of("mysql", "information_schema", "performance_schema", "sys");

  /** Accounts every member reserves: Steward's own, the root account, and system names. */
  private static final Set<String> FAMILY_USERS =
      Set.of(
          ADMIN_USER,
          ROOT_USER,
          "mysql",
          "information_schema",
          "performance_schema",
          "sys",
          "debian-sys-maint");

  protected Distribution() {}

  /** The datastore's name and configuration prefix, such as {@code mariadb}. */
  public abstract String name();

  /** The product's name for messages, such as {@code MariaDB}. */
  public abstract String displayName();

  /** The server binary used when {@code <name>.server-program} is not configured. */
  public abstract Path defaultServerProgram();

  /** The backup strategy a new instance of this member uses unless told otherwise. */
  public abstract String defaultBackupStrategy();

  /** Whether {@code --version} output of a server binary names this member. */
  protected abstract boolean recognizes(String versionOutput);

  /** The oldest supported {@code major.minor}, as two numbers. */
  protected abstract int[] minimumVersion();

  /** The longest user name the server accepts, in characters. */
  protected abstract int maxUserNameLength();

  /** Internal accounts of this member beyond the family's (lower case). */
  protected abstract Set<String> memberUsers();

  /** The my.cnf section the server reads ({@code mysqld} is read by every member). */
  protected abstract String serverSection();

  /** Server settings only this member has, as {@code key=value} lines. */
  protected abstract List<String> memberSettings();

  /**
   * The command that creates a data directory from the option file; it runs as the service user and
   * executes the statements of {@code bootstrapFile} once the system tables exist.
   */
  protected abstract Command initializeCommand(
      Path serverProgram, Path defaultsFile, Path bootstrapFile);

  /** Statements needed before accounts can be created in the bootstrap file. */
  protected abstract List<String> bootstrapPrologue();

  /** Statements after the admin accounts exist in the bootstrap file. */
  protected abstract List<String> bootstrapEpilogue();

  /**
   * The authentication clause of {@code CREATE USER} / {@code ALTER USER} for a password, such as
   * {@code IDENTIFIED BY PASSWORD '*…'}. Prefer a hash computed in this process where the engine
   * accepts one, so that the clear password never reaches the server.
   */
  protected abstract String authentication(Secret password);

  /** Whether {@link #authentication} sends the clear password (inside the statement text). */
  protected abstract boolean sendsClearPassword();

  /** The command-line client program ({@code mariadb}, {@code mysql}). */
  public abstract String clientProgram();

  /** {@code SELECT User, Host FROM mysql.user WHERE …}: accounts that are not roles. */
  protected abstract String accountsQuery();

  /** A query with parameters user and host answering one boolean: whether it is locked. */
  protected abstract String lockedQuery();

  /** Extra JDBC connection properties this member needs. */
  protected Map<String, String> connectionProperties() {
    return Map.of();
  }

  /** The full version number ({@code 10.11.19}) when the output names this member. */
  public final Optional<String> versionNumber(String versionOutput) {
    if (!recognizes(versionOutput)) {
      return Optional.empty();
    }
    Matcher matcher = VERSION.matcher(versionOutput);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3));
  }

  /** The version's name clients use: {@code major.minor} ({@code 10.11}, {@code 8.0}). */
  public static String versionName(String number) {
    String[] parts = number.split("\\.");
    return parts[0] + "." + parts[1];
  }

  /** Whether Steward supports this version number of the member. */
  public final boolean supports(String number) {
    String[] parts = number.split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    int[] minimum = minimumVersion();
    return major > minimum[0] || (major == minimum[0] && minor >= minimum[1]);
  }

  /** Databases never shown to or touched by tenants (lower case). */
  final Set<String> systemDatabases() {
    return SYSTEM_DATABASES;
  }

  /** Every reserved user name (lower case): family, member and system database names. */
  final Set<String> reservedUsers() {
    Set<String> reserved = new TreeSet<>(FAMILY_USERS);
    reserved.addAll(memberUsers());
    return Set.copyOf(reserved);
  }

  /** Whether an account name is internal (never listed, created or dropped as a user). */
  final boolean isInternalUser(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return name.isEmpty() || reservedUsers().contains(lower) || lower.startsWith("mysql.");
  }

  /**
   * The bootstrap file's statements: the admin accounts with all privileges, with the member's
   * prologue and epilogue.
   */
  final List<String> bootstrapStatements(List<String> adminHosts, Secret password) {
    List<String> statements = new ArrayList<>(bootstrapPrologue());
    for (String adminHost : adminHosts) {
      String account = Sql.account(ADMIN_USER, adminHost);
      statements.add("CREATE USER " + account + " " + authentication(password));
      statements.add("GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION");
    }
    statements.addAll(bootstrapEpilogue());
    return List.copyOf(statements);
  }

  @Override
  public String toString() {
    return displayName();
  }
}
