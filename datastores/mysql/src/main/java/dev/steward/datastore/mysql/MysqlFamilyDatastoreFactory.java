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

import dev.steward.spi.datastore.Datastore;
import dev.steward.toolkit.datastore.TypedDatastoreFactory;
import java.lang.System.Logger.Level;

/**
 * Creates one family member's datastore ({@code mysql}, {@code mariadb}, {@code percona}). Core
 * calls {@code create} once at boot, on the booting thread: it reads {@link MysqlFamilyConfig} and
 * asks the configured server binary for its version.
 */
public final class MysqlFamilyDatastoreFactory extends TypedDatastoreFactory<MysqlFamilyConfig> {
  private static final System.Logger LOG =
      System.getLogger(MysqlFamilyDatastoreFactory.class.getName());

  public MysqlFamilyDatastoreFactory(Distribution distribution) {
    super(
        distribution.name(),
        config -> MysqlFamilyConfig.from(config, distribution),
        config -> create(distribution, config));
  }

  private static Datastore create(Distribution distribution, MysqlFamilyConfig config) {
    InstalledServer.Detection detection =
        InstalledServer.detect(distribution, config.serverProgram());
    if (detection.version().isEmpty()) {
      LOG.log(
          Level.WARNING,
          "Datastore {0} offers no version: {1}",
          distribution.name(),
          detection.explanation());
    }
    return new MysqlFamilyDatastore(distribution, config, detection.versions());
  }
}
