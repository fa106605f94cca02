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
package dev.steward.toolkit.backup;

import dev.steward.spi.backup.ToolEnvironment;
import dev.steward.spi.platform.Command;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL client program ({@code psql}, {@code pg_dump}, {@code pg_restore}, {@code
 * pg_basebackup}) of the instance's version, connecting over the server's socket as the
 * administrator and never prompting. Reads the PostgreSQL datastore's tool environment keys {@code
 * bin-dir}, {@code socket-dir}, {@code port}, {@code user} and the secret {@code password}, which
 * travels only in {@code PGPASSWORD}.
 */
public final class PostgresqlClient {
  private PostgresqlClient() {}

  /** {@code <bin-dir>/<program> -h <socket-dir> -p <port> -U <user> -w}, killed at the timeout. */
  public static Command command(ToolEnvironment tools, String program, Duration timeout) {
    return Command.of(
            Path.of(tools.property("bin-dir")).resolve(program).toString(),
            "-h",
            tools.property("socket-dir"),
            "-p",
            tools.property("port"),
            "-U",
            tools.property("user"),
            "-w")
        .withSecretEnvironment("PGPASSWORD", tools.secret("password"))
        .withTimeout(timeout);
  }
}
