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
package dev.steward.datastore.percona;

import dev.steward.datastore.mysql.MysqlDistribution;
import java.util.ArrayList;
import java.util.List;

/**
 * Percona Server for MySQL 8.0 and newer: MySQL's behaviour (initialisation, {@code
 * caching_sha2_password}, option files), recognised by a {@code --version} line naming Percona,
 * with Percona's defaults: XtraBackup is the backup strategy, and only InnoDB may be used for new
 * tables ({@code enforce_storage_engine}), because XtraBackup copies InnoDB without locking while
 * other engines would need a global read lock. Percona-only options carry the {@code loose-}
 * prefix, so that a build without them warns instead of refusing to start.
 */
public final class PerconaDistribution extends MysqlDistribution {
  public static final String NAME = "percona";

  /** The backup strategy Percona instances use by default (the later backup strategies module). */
  public static final String BACKUP_STRATEGY = "xtrabackup";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String displayName() {
    return "Percona Server";
  }

  @Override
  public String defaultBackupStrategy() {
    return BACKUP_STRATEGY;
  }

  @Override
  protected boolean recognizes(String versionOutput) {
    return versionOutput.contains("Percona Server") && !versionOutput.contains("MariaDB");
  }

  @Override
  protected List<String> memberSettings() {
    List<String> settings = new ArrayList<>(super.memberSettings());
    settings.add("loose-enforce_storage_engine=InnoDB");
    return List.copyOf(settings);
  }
}
