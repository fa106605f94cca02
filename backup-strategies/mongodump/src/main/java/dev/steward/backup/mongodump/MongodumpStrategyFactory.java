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

import dev.steward.toolkit.backup.StrategyFactory;

/** Creates the {@code mongodump} strategy once at boot from its {@code mongodump.*} keys. */
public final class MongodumpStrategyFactory extends StrategyFactory {
  public static final String NAME = "mongodump";

  public MongodumpStrategyFactory() {
    super(NAME, config -> new MongodumpStrategy(MongodumpConfig.from(config)));
  }
}
