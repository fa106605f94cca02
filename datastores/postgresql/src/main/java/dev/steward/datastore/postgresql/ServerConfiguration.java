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
package dev.steward.datastore.postgresql;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.List;

/**
 * The configuration files Steward writes into a data directory: {@code steward.conf} (included from
 * the {@code postgresql.conf} initdb generated) and {@code pg_hba.conf}.
 */
final class ServerConfiguration {
  /** The file name of Steward's settings, next to {@code postgresql.conf}. */
  static final String FILE_NAME = "steward.conf";

  static final String INCLUDE_LINE = "include '" + FILE_NAME + "'";

  private ServerConfiguration() {}

  /**
   * Memory settings derived from the flavor's RAM (all in kB). shared_buffers is 25 % of RAM,
   * effective_cache_size 75 %, maintenance_work_mem RAM/16 capped at 1 GB, and work_mem a share of
   * the memory left after shared_buffers, assuming a third of the connections sort at once (between
   * 256 kB and 256 MB).
   */
  record Memory(
      long sharedBuffersKb, long effectiveCacheSizeKb, long maintenanceWorkMemKb, long workMemKb) {
    static final long MIN_SHARED_BUFFERS_KB = 16 * 1024;
    static final long MAX_MAINTENANCE_WORK_MEM_KB = 1024 * 1024;
    static final long MIN_WORK_MEM_KB = 256;
    static final long MAX_WORK_MEM_KB = 256 * 1024;

    static Memory forRam(int ramMb, int maxConnections) {
      long ramKb = ramMb * 1024L;
      long sharedBuffers = Math.max(ramKb / 4, MIN_SHARED_BUFFERS_KB);
      long effectiveCacheSize = Math.max(ramKb * 3 / 4, sharedBuffers);
      long maintenanceWorkMem = Math.clamp(ramKb / 16, 1024, MAX_MAINTENANCE_WORK_MEM_KB);
      long left = Math.max(ramKb - sharedBuffers, 0);
      long workMem =
          Math.clamp(left / (3L * Math.max(maxConnections, 1)), MIN_WORK_MEM_KB, MAX_WORK_MEM_KB);
      return new Memory(sharedBuffers, effectiveCacheSize, maintenanceWorkMem, workMem);
    }
  }

  /** The contents of {@code steward.conf}. */
  static String stewardConf(
      String listenAddress, String socketDirectory, int ramMb, int maxConnections) {
    requireNonNull(listenAddress, "listenAddress is null");
    requireNonNull(socketDirectory, "socketDirectory is null");
    Memory memory = Memory.forRam(ramMb, maxConnections);
    List<String> lines =
        List.of(
            "# Written by Steward at prepare; overrides postgresql.conf. Edits are lost.",
            "listen_addresses = " + confString(listenAddress),
            "port = " + EngineConnections.PORT,
            "unix_socket_directories = " + confString(socketDirectory),
            "unix_socket_permissions = 0700",
            "max_connections = " + maxConnections,
            "shared_buffers = " + memory.sharedBuffersKb() + "kB",
            "effective_cache_size = " + memory.effectiveCacheSizeKb() + "kB",
            "maintenance_work_mem = " + memory.maintenanceWorkMemKb() + "kB",
            "work_mem = " + memory.workMemKb() + "kB",
            "password_encryption = 'scram-sha-256'",
            "ssl = off",
            // The text of a failed statement is never logged: it could hold a secret.
            "log_min_error_statement = panic",
            "log_statement = 'none'",
            "log_min_duration_statement = -1",
            "log_destination = 'stderr'",
            "logging_collector = off",
            "log_line_prefix = '%m [%p] %q%u@%d '",
            "");
    return String.join("\n", lines);
  }

  /** {@code pg_hba.conf}: every connection, local or TCP, authenticates with SCRAM-SHA-256. */
  static String hbaConf() {
    return String.join(
        "\n",
        "# Written by Steward at prepare. Only SCRAM-SHA-256 password authentication.",
        "# TYPE  DATABASE     USER  ADDRESS    METHOD",
        "local   all          all              scram-sha-256",
        "local   replication  all              scram-sha-256",
        "host    all          all   0.0.0.0/0  scram-sha-256",
        "host    all          all   ::/0       scram-sha-256",
        "host    replication  all   0.0.0.0/0  scram-sha-256",
        "host    replication  all   ::/0       scram-sha-256",
        "");
  }

  /** {@code postgresql.conf} with the include of {@code steward.conf} appended once. */
  static String withInclude(String postgresqlConf) {
    for (String line : postgresqlConf.split("\n", -1)) {
      if (line.strip().equals(INCLUDE_LINE)) {
        return postgresqlConf;
      }
    }
    String separator = postgresqlConf.isEmpty() || postgresqlConf.endsWith("\n") ? "" : "\n";
    return postgresqlConf + separator + "\n# Added by Steward\n" + INCLUDE_LINE + "\n";
  }

  /** A quoted postgresql.conf string value. */
  static String confString(String value) {
    if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
      throw new StewardException(
          StandardErrorCode.INTERNAL_ERROR, "A configuration value contains a line break");
    }
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
