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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The account part of a {@code mysqldump} backup: pure functions, unit-tested without a server. The
 * accounts the tenant has (users created through the API, root when it was enabled) are read with
 * {@code SHOW CREATE USER} and {@code SHOW GRANTS}, which give each password as its hash ({@code
 * IDENTIFIED BY PASSWORD '*…'} on MariaDB, {@code IDENTIFIED WITH … AS 0x…} on MySQL 8), and
 * appended to the dump as a script that drops and recreates them: a restored user logs in with its
 * old password and keeps its grants.
 */
final class AccountCommands {
  /** The line that starts the accounts script in the stream (a SQL comment). */
  static final String SCRIPT_HEADER = "-- Steward mysqldump: accounts";

  /** Names of the engine's own accounts (besides {@code mysql.*} and the administrator). */
  static final Set<String> SYSTEM_ACCOUNTS = Set.of("mariadb.sys", "debian-sys-maint");

  private AccountCommands() {}

  /** One account, as {@code mysql.user} names it. */
  record Account(String user, String host) {
    /** {@code 'user'@'host'}, quoted as a string literal. */
    String quoted() {
      return literal(user) + "@" + literal(host);
    }
  }

  /** Lists the accounts (roles excluded) as tab-separated user and host, one a line. */
  static List<String> listAccounts(DumpCommands.Tools tools, Path optionFile) {
    String roles = tools == DumpCommands.Tools.MARIADB ? " WHERE is_role <> 'Y'" : "";
    List<String> arguments = new ArrayList<>(show(tools, optionFile));
    arguments.add("--execute=SELECT User, Host FROM mysql.user" + roles + " ORDER BY User, Host");
    return List.copyOf(arguments);
  }

  /**
   * The tenant's accounts of a listing: not the administrator, not the engine's own accounts
   * ({@code mysql.*}, {@link #SYSTEM_ACCOUNTS}, anonymous ones), and root only as the tenant's
   * {@code root@%}.
   */
  static List<Account> tenantAccounts(String listing, String administrator) {
    List<Account> accounts = new ArrayList<>();
    for (String line : listing.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab <= 0) {
        continue;
      }
      Account account = new Account(line.substring(0, tab), line.substring(tab + 1));
      String lower = account.user().toLowerCase(Locale.ROOT);
      boolean internal =
          account.user().equals(administrator)
              || lower.startsWith("mysql.")
              || SYSTEM_ACCOUNTS.contains(lower)
              || (lower.equals("root") && !account.host().equals("%"));
      if (!internal) {
        accounts.add(account);
      }
    }
    return List.copyOf(accounts);
  }

  /**
   * The statements, read by the client from standard input, whose output lines are each account's
   * CREATE USER and GRANT statements (hashes printed as hex on MySQL).
   */
  static String showAccounts(DumpCommands.Tools tools, List<Account> accounts) {
    StringBuilder sql = new StringBuilder();
    if (tools == DumpCommands.Tools.MYSQL) {
      sql.append("SET SESSION print_identified_with_as_hex = ON;\n");
    }
    for (Account account : accounts) {
      sql.append("SHOW CREATE USER ").append(account.quoted()).append(";\n");
      sql.append("SHOW GRANTS FOR ").append(account.quoted()).append(";\n");
    }
    return sql.toString();
  }

  /** The client, unescaped tab-separated output; runs {@link #showAccounts} from stdin. */
  static List<String> show(DumpCommands.Tools tools, Path optionFile) {
    return List.of(
        tools.client,
        "--defaults-extra-file=" + optionFile,
        "--batch",
        "--raw",
        "--skip-column-names");
  }

  /**
   * The accounts script: every account dropped if it exists (a repeated restore starts over), then
   * the statements {@code SHOW} gave, one a line.
   */
  static String script(List<Account> accounts, String showOutput) {
    StringBuilder script = new StringBuilder("\n").append(SCRIPT_HEADER).append('\n');
    for (Account account : accounts) {
      script.append("DROP USER IF EXISTS ").append(account.quoted()).append(";\n");
    }
    for (String line : showOutput.split("\n")) {
      if (!line.isBlank()) {
        script.append(line).append(";\n");
      }
    }
    return script.toString();
  }

  /** A string literal: quote and backslash escaped. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
