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
package dev.steward.backup.mongodump;

import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import java.nio.file.Path;
import java.util.List;

/**
 * The command lines and the {@code --config} file of the {@code mongodump} strategy: pure
 * functions, unit-tested without a server. The password is only ever in the config file (MongoDB
 * Database Tools 100.3.0 and later read {@code password} from the YAML file {@code --config}
 * names).
 */
final class MongoCommands {
  private MongoCommands() {}

  /** How the tools reach the server: address, port, user and authentication database. */
  record Connection(String host, String port, String user, String authDatabase) {
    Connection {
      if (!port.matches("[0-9]{1,5}")) {
        throw new StewardException(
            MongodumpErrorCode.TOOL_ENVIRONMENT_INVALID, "The port is not a number: " + port);
      }
      for (String value : List.of(host, user, authDatabase)) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
          throw new StewardException(
              MongodumpErrorCode.TOOL_ENVIRONMENT_INVALID,
              "A connection value of the tool environment is empty or holds a control character");
        }
      }
    }

    List<String> arguments(Path configFile) {
      return List.of(
          "--config=" + configFile,
          "--host=" + host,
          "--port=" + port,
          "--username=" + user,
          "--authenticationDatabase=" + authDatabase);
    }
  }

  /** The YAML {@code --config} file: the password as one double-quoted scalar. */
  static String configFile(Secret password) {
    return "password: " + yamlQuoted(password.reveal()) + "\n";
  }

  /** Every database (users and roles of {@code admin} included) as one archive on stdout. */
  static List<String> dump(Path mongodump, Path configFile, Connection connection) {
    return concat(mongodump.toString(), connection.arguments(configFile), "--archive");
  }

  /**
   * Restores an archive read from stdin; each collection is dropped before it is restored, so a
   * repeated restore starts over.
   */
  static List<String> restore(Path mongorestore, Path configFile, Connection connection) {
    return concat(mongorestore.toString(), connection.arguments(configFile), "--archive", "--drop");
  }

  /** A YAML double-quoted scalar: backslash, quote and every control character escaped. */
  static String yamlQuoted(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    value
        .codePoints()
        .forEach(c -> {
          if (c == '\\' || c == '"') {
            quoted.append('\\').appendCodePoint(c);
          } else if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\u%04x", c));
          } else {
            quoted.appendCodePoint(c);
          }
        });
    return quoted.append('"').toString();
  }

  private static List<String> concat(String program, List<String> middle, String... tail) {
    List<String> arguments = new java.util.ArrayList<>();
    arguments.add(program);
    arguments.addAll(middle);
    arguments.addAll(List.of(tail));
    return List.copyOf(arguments);
  }
}
