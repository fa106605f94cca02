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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.toolkit.ToolkitErrorCode;
import dev.steward.toolkit.mysql.OptionFile;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The statements Steward builds, and how server errors map to codes. */
class StatementsTest {
  @Test
  void quotesIdentifiersWithBackticks() {
    assertThat(Sql.identifier("app")).isEqualTo("`app`");
    assertThat(Sql.identifier("a`b")).isEqualTo("`a``b`");
    assertThat(Sql.identifier("`; DROP DATABASE x; --")).isEqualTo("```; DROP DATABASE x; --`");
    assertThatThrownBy(() -> Sql.identifier("a\0b")).isInstanceOf(StewardException.class);
  }

  @Test
  void escapesStringLiterals() {
    assertThat(Sql.literal("it's")).isEqualTo("'it\\'s'");
    assertThat(Sql.literal("a\\b")).isEqualTo("'a\\\\b'");
    assertThat(Sql.literal("x\n\"y")).isEqualTo("'x\\n\\\"y'");
    assertThat(Sql.account("app", "10.0.0.%")).isEqualTo("'app'@'10.0.0.%'");
  }

  @Test
  void grantsNameExactlyOneDatabase() {
    assertThat(Sql.grantDatabase("my_db")).isEqualTo("`my\\_db`");
    assertThat(Sql.unescapeGrantPattern("my\\_db")).isEqualTo("my_db");
    assertThat(Sql.grantPattern("50%_off")).isEqualTo("50\\%\\_off");
    assertThat(MysqlFamilyUserAdmin.grantStatement("shop_1", new UserRef("alice", "%")))
        .isEqualTo("GRANT ALL PRIVILEGES ON `shop\\_1`.* TO 'alice'@'%'");
    assertThat(MysqlFamilyUserAdmin.revokeStatement("shop", UserRef.of("bob")))
        .isEqualTo("REVOKE ALL PRIVILEGES ON `shop`.* FROM 'bob'@'%'");
  }

  @Test
  void createsDatabasesWithOptions() {
    assertThat(MysqlFamilyDatabaseAdmin.createStatement(DatabaseSpec.named("app")))
        .isEqualTo("CREATE DATABASE IF NOT EXISTS `app`");
    assertThat(
            MysqlFamilyDatabaseAdmin.createStatement(
                new DatabaseSpec("App", Optional.of("utf8mb4"), Optional.of("utf8mb4_bin"))))
        .isEqualTo("CREATE DATABASE IF NOT EXISTS `App` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
  }

  @Test
  void mariadbSendsOnlyANativeHash() {
    Secret password = Secret.of("password");
    assertThat(PasswordHashes.nativePassword(password))
        .isEqualTo("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
    MariadbDistribution mariadb = new MariadbDistribution();
    assertThat(mariadb.authentication(password))
        .isEqualTo("IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'")
        .doesNotContain("'password'");
    assertThat(mariadb.sendsClearPassword()).isFalse();
  }

  @Test
  void mysqlUsesCachingSha2() {
    MysqlDistribution mysql = new MysqlDistribution();
    assertThat(mysql.authentication(Secret.of("p'w\\")))
        .isEqualTo("IDENTIFIED WITH caching_sha2_password BY 'p\\'w\\\\'");
    assertThat(mysql.sendsClearPassword()).isTrue();
  }

  @Test
  void bootstrapCreatesTheAdminAccounts() {
    Secret password = Secret.of("password");
    assertThat(
            new MariadbDistribution()
                .bootstrapStatements(List.of("127.86.0.5", "localhost"), password))
        .containsExactly(
            "FLUSH PRIVILEGES",
            "CREATE USER 'os_admin'@'127.86.0.5' IDENTIFIED BY PASSWORD"
                + " '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'",
            "GRANT ALL PRIVILEGES ON *.* TO 'os_admin'@'127.86.0.5' WITH GRANT OPTION",
            "CREATE USER 'os_admin'@'localhost' IDENTIFIED BY PASSWORD"
                + " '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'",
            "GRANT ALL PRIVILEGES ON *.* TO 'os_admin'@'localhost' WITH GRANT OPTION");
    assertThat(new MysqlDistribution().bootstrapStatements(List.of("127.86.0.5"), password))
        .endsWith("ALTER USER 'root'@'localhost' ACCOUNT LOCK");
  }

  @Test
  void initializersRunAsTheServiceUserWithTheOptionFile() {
    java.nio.file.Path cnf = java.nio.file.Path.of("/i/config/my.cnf");
    java.nio.file.Path sql = java.nio.file.Path.of("/i/config/bootstrap.sql");
    dev.steward.spi.platform.Command mariadb =
        new MariadbDistribution()
            .initializeCommand(java.nio.file.Path.of("/usr/sbin/mariadbd"), cnf, sql);
    assertThat(mariadb.arguments())
        .containsExactly(
            "mariadb-install-db",
            "--defaults-file=/i/config/my.cnf",
            "--skip-test-db",
            "--auth-root-authentication-method=socket",
            "--extra-file=/i/config/bootstrap.sql");
    assertThat(mariadb.serviceUser()).isTrue();
    assertThat(
            new MariadbDistribution()
                .initializeCommand(java.nio.file.Path.of("/opt/mariadb/bin/mariadbd"), cnf, sql)
                .arguments())
        .contains("--basedir=/opt/mariadb");
    dev.steward.spi.platform.Command mysql =
        new MysqlDistribution()
            .initializeCommand(java.nio.file.Path.of("/usr/sbin/mysqld"), cnf, sql);
    assertThat(mysql.arguments())
        .containsExactly(
            "/usr/sbin/mysqld",
            "--defaults-file=/i/config/my.cnf",
            "--initialize-insecure",
            "--init-file=/i/config/bootstrap.sql");
    assertThat(mysql.serviceUser()).isTrue();
  }

  @Test
  void mapsServerErrors() {
    assertThat(code(0, "08000")).isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(code(2013, "HY000")).isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(code(1045, "28000")).isEqualTo(MysqlFamilyErrorCode.ADMIN_AUTHENTICATION_FAILED);
    assertThat(code(1049, "42000")).isEqualTo(StandardErrorCode.NOT_FOUND);
    assertThat(code(1007, "HY000")).isEqualTo(StandardErrorCode.ALREADY_EXISTS);
    assertThat(code(1273, "HY000")).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
    assertThat(code(1115, "42000")).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
    assertThat(code(1969, "70100")).isEqualTo(StandardErrorCode.TIMEOUT);
    assertThat(code(1064, "42000")).isEqualTo(MysqlFamilyErrorCode.STATEMENT_FAILED);
  }

  @Test
  void messagesNeverQuoteStatementText() {
    SQLException syntax =
        new SQLException(
            "You have an error near 'IDENTIFIED BY 'Secret-1'' at line 1", "42000", 1064);
    assertThat(EngineConnections.translate(syntax, "Creating user").getMessage())
        .doesNotContain("Secret-1");
    SQLException dumped =
        new SQLException(
            "(conn=4) Unknown database\nQuery is: CREATE USER ... BY 'x'", "42000", 1049);
    assertThat(EngineConnections.translate(dumped, "Reading").getMessage())
        .doesNotContain("Query is")
        .contains("Unknown database");
  }

  @Test
  void optionFileValuesAreQuotedOrRefused() {
    assertThat(OptionFile.quoted(Secret.of("abc#1"))).isEqualTo("\"abc#1\"");
    assertThat(OptionFile.quoted(Secret.of("a\\b"))).isEqualTo("\"a\\\\b\"");
    assertThatThrownBy(() -> OptionFile.quoted(Secret.of("secret\"\n[client]")))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> {
              assertThat(e.is(ToolkitErrorCode.OPTION_VALUE_NOT_ENCODABLE)).isTrue();
              assertThat(e.getMessage()).doesNotContain("secret");
            });
  }

  private static Object code(int error, String state) {
    return EngineConnections.code(new SQLException("failure", state, error));
  }
}
