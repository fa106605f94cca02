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

import java.nio.file.Path;

/** MariaDB's mixin: the machine's packaged {@code mariadbd}, addresses 127.86.*. */
public final class MariadbTckEnvironment extends MysqlFamilyTckEnvironment {
  @Override
  public String datastore() {
    return MariadbDistribution.NAME;
  }

  @Override
  protected String addressPrefix() {
    return "127.86";
  }

  @Override
  protected Path serverProgram() {
    return ServerBinaries.require(new MariadbDistribution(), "STEWARD_MARIADBD");
  }
}
