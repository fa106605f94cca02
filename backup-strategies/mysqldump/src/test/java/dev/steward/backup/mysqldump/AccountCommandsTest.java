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
package dev.steward.backup.mysqldump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.backup.mysqldump.AccountCommands.Account;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountCommandsTest {
  @Test
  void onlyTheTenantsAccountsAreCarried() {
    String listing =
        String.join(
            "\n",
            "app\t%",
            "steward_admin\t%",
            "steward_admin\tlocalhost",
            "mariadb.sys\tlocalhost",
            "mysql.session\tlocalhost",
            "root\tlocalhost",
            "root\t%",
            "\tlocalhost",
            "o'dd\t10.0.0.%",
            "");
    assertThat(AccountCommands.tenantAccounts(listing, "steward_admin"))
        .containsExactly(
            new Account("app", "%"), new Account("root", "%"), new Account("o'dd", "10.0.0.%"));
  }

  @Test
  void accountsAreQuotedAndDroppedBeforeTheyAreCreated() {
    List<Account> accounts = List.of(new Account("a'b\\c", "%"));
    assertThat(accounts.getFirst().quoted()).isEqualTo("'a\\'b\\\\c'@'%'");
    assertThat(AccountCommands.showAccounts(DumpCommands.Tools.MARIADB, accounts))
        .isEqualTo("SHOW CREATE USER 'a\\'b\\\\c'@'%';\nSHOW GRANTS FOR 'a\\'b\\\\c'@'%';\n");
    assertThat(AccountCommands.showAccounts(DumpCommands.Tools.MYSQL, accounts))
        .startsWith("SET SESSION print_identified_with_as_hex = ON;\n");
    assertThat(
            AccountCommands.script(
                accounts,
                "CREATE USER `a'b\\c`@`%` IDENTIFIED BY PASSWORD '*AB'\n"
                    + "GRANT USAGE ON *.* TO `a'b\\c`@`%`\n"))
        .isEqualTo(
            "\n"
                + AccountCommands.SCRIPT_HEADER
                + "\nDROP USER IF EXISTS 'a\\'b\\\\c'@'%';\n"
                + "CREATE USER `a'b\\c`@`%` IDENTIFIED BY PASSWORD '*AB';\n"
                + "GRANT USAGE ON *.* TO `a'b\\c`@`%`;\n");
  }

  @Test
  void theClientReadsTheOptionFileFirstAndRolesAreLeftOut() {
    Path options = Path.of("/config/x.cnf");
    assertThat(AccountCommands.listAccounts(DumpCommands.Tools.MARIADB, options))
        .startsWith("mariadb", "--defaults-extra-file=/config/x.cnf")
        .last()
        .asString()
        .contains("is_role <> 'Y'");
    assertThat(AccountCommands.show(DumpCommands.Tools.MYSQL, options))
        .startsWith("mysql", "--defaults-extra-file=/config/x.cnf");
  }
}
