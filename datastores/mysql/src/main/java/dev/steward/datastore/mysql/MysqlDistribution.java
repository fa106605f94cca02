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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MySQL 8.0 and newer (Oracle's server; Percona Server extends this class). {@code mysqld
 * --initialize-insecure --init-file} creates the data directory and the admin accounts; the
 * passwordless {@code root@localhost} it leaves is locked at once. Passwords use {@code
 * caching_sha2_password} (MySQL's default; {@code mysql_native_password} is off by default since
 * 8.4), which has no client-side hash syntax Steward can build, so the clear password travels in
 * the statement text: statements are never logged (general and slow logs are off) and MySQL
 * rewrites passwords in its own logs.
 */
public class MysqlDistribution extends Distribution {
  public static final String NAME = "mysql";

  private static final Path DEFAULT_SERVER = Path.of("/usr/sbin/mysqld");
  private static final Duration INITIALIZE_TIMEOUT = Duration.ofMinutes(5);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String displayName() {
    return "MySQL";
  }

  @Override
  public Path defaultServerProgram() {
    return DEFAULT_SERVER;
  }

  @Override
  public String defaultBackupStrategy() {
    return "xtrabackup";
  }

  /** Oracle's MySQL: a MySQL version line that names neither MariaDB nor Percona. */
  @Override
  protected boolean recognizes(String versionOutput) {
    return !versionOutput.contains("MariaDB") && !versionOutput.contains("Percona");
  }

  @Override
  protected int[] minimumVersion() {
    return new int[] {8, 0};
  }

  @Override
  protected int maxUserNameLength() {
    return 32;
  }

  @Override
  protected Set<String> memberUsers() {
    return Set.of("mysql.sys", "mysql.session", "mysql.infoschema");
  }

  @Override
  protected String serverSection() {
    return "mysqld";
  }

  /** The X protocol plugin would listen on 33060 on every address: off. */
  @Override
  protected List<String> memberSettings() {
    return List.of("mysqlx=OFF", "gtid_mode=ON", "enforce_gtid_consistency=ON");
  }

  @Override
  protected Command initializeCommand(Path serverProgram, Path defaultsFile, Path bootstrapFile) {
    return Command.of(
            serverProgram.toString(),
            "--defaults-file=" + defaultsFile,
            "--initialize-insecure",
            "--init-file=" + bootstrapFile)
        .withTimeout(INITIALIZE_TIMEOUT)
        .asServiceUser();
  }

  @Override
  protected List<String> bootstrapPrologue() {
    return List.of();
  }

  /** {@code --initialize-insecure} left root@localhost without a password. */
  @Override
  protected List<String> bootstrapEpilogue() {
    return List.of("ALTER USER " + Sql.account(ROOT_USER, "localhost") + " ACCOUNT LOCK");
  }

  @Override
  protected String authentication(Secret password) {
    return "IDENTIFIED WITH caching_sha2_password BY " + Sql.literal(password.reveal());
  }

  @Override
  protected boolean sendsClearPassword() {
    return true;
  }

  @Override
  public String clientProgram() {
    return "mysql";
  }

  /** Roles are locked accounts without a password. */
  @Override
  protected String accountsQuery() {
    return "SELECT User, Host FROM mysql.user"
        + " WHERE NOT (account_locked = 'Y' AND authentication_string = '')";
  }

  @Override
  protected String lockedQuery() {
    return "SELECT account_locked = 'Y' FROM mysql.user WHERE User = ? AND Host = ?";
  }

  /** caching_sha2_password without TLS needs the server's RSA key for the first login. */
  @Override
  protected Map<String, String> connectionProperties() {
    return Map.of("allowPublicKeyRetrieval", "true");
  }
}
