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
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Command;
import dev.steward.spi.platform.CommandResult;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import dev.steward.toolkit.engine.HostFiles;
import dev.steward.toolkit.mysql.OptionFile;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs the family's command-line tools ({@code mariadb}, {@code mysql}, {@code mariadb-dump},
 * {@code mysqldump}, {@code mariabackup}, {@code xtrabackup}) as Steward's administrator without a
 * password on any command line: the credentials go into a {@code [client]} option file of mode 0600
 * in the instance's CONFIG directory, passed with {@code --defaults-file} (so no system-wide option
 * file applies), and deleted when the tool ends. The tool connects through the instance's socket as
 * {@code 'os_admin'@'localhost'}. Used by backup strategies; thread-safe (one file per run).
 */
public final class AdminClient {
  private AdminClient() {}

  /**
   * Runs {@code command} (program first, then its arguments) with {@code --defaults-file=<option
   * file>} inserted as its first argument, as the control plane's user.
   */
  public static CommandResult run(InstanceContext instance, Command command) {
    Host host = instance.host();
    String fileName = "client-" + UUID.randomUUID() + ".cnf";
    HostFiles.writeUtf8(
        host, HostDirectory.CONFIG, fileName, optionFile(host, instance.adminPassword()));
    try {
      return host.run(withOptionFile(command, host, fileName));
    } finally {
      host.deleteFile(HostDirectory.CONFIG, fileName);
    }
  }

  static Command withOptionFile(Command command, Host host, String fileName) {
    List<String> arguments = new ArrayList<>();
    arguments.add(command.program());
    arguments.add("--defaults-file=" + host.directory(HostDirectory.CONFIG).resolve(fileName));
    arguments.addAll(command.arguments().subList(1, command.arguments().size()));
    return new Command(
        arguments,
        command.environment(),
        command.secretEnvironment(),
        command.stdin(),
        command.timeout(),
        command.serviceUser());
  }

  /** The {@code [client]} section: admin user and password, the instance's socket. */
  static String optionFile(Host host, Secret password) {
    return OptionFile.create()
        .section("client")
        .option("user", Distribution.ADMIN_USER)
        .secret("password", password)
        .option(
            "socket",
            host.directory(HostDirectory.RUN).resolve(ServerConfiguration.SOCKET).toString())
        .option("protocol", "SOCKET")
        .text();
  }
}
