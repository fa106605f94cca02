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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MariaDB 10.4 and newer: {@code mariadb-install-db} creates the data directory, passwords are set
 * as {@code mysql_native_password} hashes computed in this process ({@code IDENTIFIED BY PASSWORD
 * '*…'}), so a clear password never reaches the server. The initial {@code root@localhost} keeps
 * unix-socket authentication: reachable only through the socket in the instance's 0700 run
 * directory, by the OS user root.
 */
public final class MariadbDistribution extends Distribution {
  public static final String NAME = "mariadb";

  private static final Path DEFAULT_SERVER = Path.of("/usr/sbin/mariadbd");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String displayName() {
    return "MariaDB";
  }

  @Override
  public Path defaultServerProgram() {
    return DEFAULT_SERVER;
  }

  @Override
  public String defaultBackupStrategy() {
    return "xtrabackup";
  }

  @Override
  protected boolean recognizes(String versionOutput) {
    return versionOutput.contains("MariaDB");
  }

  @Override
  protected int[] minimumVersion() {
    return new int[] {10, 4};
  }

  @Override
  protected int maxUserNameLength() {
    return 80;
  }

  @Override
  protected Set<String> memberUsers() {
    return Set.of("mariadb.sys", "public", "none");
  }

  @Override
  protected String serverSection() {
    return "mariadbd";
  }

  @Override
  protected List<String> memberSettings() {
    // MariaDB 10.11 still defaults to latin1; MySQL 8 defaults to utf8mb4 already.
    return List.of(
        "character_set_server=utf8mb4",
        "collation_server=utf8mb4_general_ci",
        "gtid_strict_mode=1");
  }

  /**
   * {@code mariadb-install-db} from the PATH; when the server is not the packaged one, the
   * installation directory is given as {@code --basedir} (the parent of the server's directory).
   */
  @Override
  protected Command initializeCommand(Path serverProgram, Path defaultsFile, Path bootstrapFile) {
    List<String> arguments = new ArrayList<>();
    arguments.add("mariadb-install-db");
    arguments.add("--defaults-file=" + defaultsFile);
    if (!serverProgram.equals(DEFAULT_SERVER) && serverProgram.getParent() != null) {
      Path parent = serverProgram.getParent().getParent();
      if (parent != null) {
        arguments.add("--basedir=" + parent);
      }
    }
    arguments.add("--skip-test-db");
    arguments.add("--auth-root-authentication-method=socket");
    arguments.add("--extra-file=" + bootstrapFile);
    return Command.of(arguments).withTimeout(INSTALL_TIMEOUT).asServiceUser();
  }

  /** Bootstrap mode runs without grant tables loaded; CREATE USER needs them. */
  @Override
  protected List<String> bootstrapPrologue() {
    return List.of("FLUSH PRIVILEGES");
  }

  @Override
  protected List<String> bootstrapEpilogue() {
    return List.of();
  }

  @Override
  protected String authentication(Secret password) {
    return "IDENTIFIED BY PASSWORD " + Sql.literal(PasswordHashes.nativePassword(password));
  }

  @Override
  protected boolean sendsClearPassword() {
    return false;
  }

  @Override
  public String clientProgram() {
    return "mariadb";
  }

  @Override
  protected String accountsQuery() {
    return "SELECT User, Host FROM mysql.user WHERE COALESCE(is_role, 'N') <> 'Y'";
  }

  @Override
  protected String lockedQuery() {
    // JSON_VALUE gives '1' for a JSON true in 10.11; older releases gave 'true'.
    return "SELECT COALESCE(JSON_VALUE(Priv, '$.account_locked'), '0') IN ('1', 'true')"
        + " FROM mysql.global_priv WHERE User = ? AND Host = ?";
  }
}
