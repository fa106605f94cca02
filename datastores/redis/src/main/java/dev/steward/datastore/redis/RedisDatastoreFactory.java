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
package dev.steward.datastore.redis;

import dev.steward.toolkit.datastore.TypedDatastoreFactory;

/**
 * Creates the {@code redis} datastore. Core calls {@code create} once at boot, on the booting
 * thread: it reads {@link RedisConfig} and asks the installed {@code redis-server} for its version.
 */
public final class RedisDatastoreFactory extends TypedDatastoreFactory<RedisConfig> {
  public static final String NAME = "redis";

  public RedisDatastoreFactory() {
    super(
        NAME,
        RedisConfig::from,
        config -> new RedisDatastore(config, InstalledVersion.detect(config.serverBinary())));
  }
}
