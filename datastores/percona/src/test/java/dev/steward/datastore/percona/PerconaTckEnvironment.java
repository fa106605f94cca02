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

import dev.steward.datastore.mysql.MysqlFamilyTckEnvironment;

/**
 * Percona's mixin of the family TCK: a Percona {@code mysqld} (env {@code STEWARD_PERCONA_MYSQLD}
 * or the usual paths), addresses 127.90.*.
 */
final class PerconaTckEnvironment extends MysqlFamilyTckEnvironment {
  static final String VARIABLE = "STEWARD_PERCONA_MYSQLD";

  PerconaTckEnvironment() {
    super(new PerconaDistribution(), VARIABLE, "127.90");
  }
}
