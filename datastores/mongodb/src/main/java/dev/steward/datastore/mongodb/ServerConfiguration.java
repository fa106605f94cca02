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
package dev.steward.datastore.mongodb;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mongod command line and the YAML configuration file Steward writes into the instance's CONFIG
 * directory. Pure functions, unit-tested without a server.
 *
 * <p>The command line is only {@code mongod --config <file>}: every setting lives in the file, so
 * nothing is decided in two places, and neither holds a secret (the administrator's password only
 * ever travels inside the driver's credential and the {@code createUser} command).
 */
final class ServerConfiguration {
  static final int PORT = 27017;

  /** The server's configuration (authorization enabled, localhost exception disabled). */
  static final String CONFIG_FILE = "mongod.conf";

  /**
   * The configuration of prepare's one bootstrap run: the same, except that the localhost exception
   * is enabled so that the internal administrator can be created. Deleted at the end of prepare.
   */
  static final String BOOTSTRAP_CONFIG_FILE = "mongod-bootstrap.conf";

  /** WiredTiger's floor for its cache (MongoDB's own minimum for {@code cacheSizeGB}). */
  static final BigDecimal MIN_CACHE_SIZE_GB = new BigDecimal("0.25");

  /**
   * The unix socket's mode 0700, written as decimal 448: a YAML 1.2 reader takes a leading-zero
   * {@code 0700} for decimal 700.
   */
  static final int SOCKET_PERMISSIONS = 0700;

  private ServerConfiguration() {}

  /** Which run of the server a configuration is for. */
  enum Mode {
    /** Prepare's run that creates the internal administrator through the localhost exception. */
    BOOTSTRAP,
    /** Every later run. */
    SERVE,
  }

  /**
   * What the configuration depends on.
   *
   * @param bindAddress the instance's own address (the only TCP address mongod listens on)
   * @param dataDirectory the DATA directory, used as {@code storage.dbPath}
   * @param socketDirectory the RUN directory, where mongod puts {@code mongodb-27017.sock}
   * @param ramMb the flavor's memory
   * @param maxConnections {@code net.maxIncomingConnections}
   */
  record Settings(
      String bindAddress, Path dataDirectory, Path socketDirectory, int ramMb, int maxConnections) {
    Settings {
      requireNonNull(bindAddress, "bindAddress is null");
      requireNonNull(dataDirectory, "dataDirectory is null");
      requireNonNull(socketDirectory, "socketDirectory is null");
      if (ramMb <= 0 || maxConnections <= 0) {
        throw new IllegalArgumentException("ramMb and maxConnections must be positive");
      }
    }
  }

  /** {@code mongod --config <file>}. */
  static List<String> arguments(Path mongod, Path configFile) {
    return List.of(mongod.toString(), "--config", configFile.toString());
  }

  /** The unix socket mongod creates ({@code <pathPrefix>/mongodb-<port>.sock}). */
  static Path socketPath(Path socketDirectory) {
    return socketDirectory.resolve("mongodb-" + PORT + ".sock");
  }

  /**
   * WiredTiger's cache for a flavor: MongoDB's own default rule, 50 % of (RAM - 1 GB) with a floor
   * of 0.25 GB, applied to the flavor's RAM instead of the machine's (on the local platform every
   * instance shares one machine, whose RAM mongod would otherwise take as its own). Rounded down to
   * 0.01 GB.
   */
  static BigDecimal cacheSizeGb(int ramMb) {
    BigDecimal half =
        BigDecimal.valueOf(ramMb - 1024L).divide(BigDecimal.valueOf(2048), 2, RoundingMode.FLOOR);
    return half.max(MIN_CACHE_SIZE_GB).stripTrailingZeros();
  }

  /** The YAML file for one mode. */
  static String yaml(Settings settings, Mode mode) {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by Steward at prepare; edits are lost when it is written again.");
    if (mode == Mode.BOOTSTRAP) {
      lines.add("# Bootstrap run: creates Steward's administrator, then stops.");
    }
    lines.add("net:");
    lines.add("  bindIp: " + quoted(settings.bindAddress()));
    lines.add("  port: " + PORT);
    lines.add("  ipv6: false");
    lines.add("  maxIncomingConnections: " + settings.maxConnections());
    lines.add("  unixDomainSocket:");
    lines.add("    enabled: true");
    lines.add("    pathPrefix: " + quoted(settings.socketDirectory().toString()));
    lines.add("    filePermissions: " + SOCKET_PERMISSIONS + "  # 0700");
    lines.add("storage:");
    lines.add("  dbPath: " + quoted(settings.dataDirectory().toString()));
    lines.add("  wiredTiger:");
    lines.add("    engineConfig:");
    lines.add("      cacheSizeGB: " + cacheSizeGb(settings.ramMb()).toPlainString());
    lines.add("security:");
    lines.add("  authorization: enabled");
    lines.add("setParameter:");
    lines.add("  enableLocalhostAuthBypass: " + (mode == Mode.BOOTSTRAP));
    lines.add("processManagement:");
    lines.add("  fork: false");
    // No systemLog section: mongod logs to stdout, which the platform keeps in the LOG directory.
    lines.add("");
    return String.join("\n", lines);
  }

  /** A double-quoted YAML scalar; control characters are refused. */
  static String quoted(String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR, "A configuration value contains a control character");
    }
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
