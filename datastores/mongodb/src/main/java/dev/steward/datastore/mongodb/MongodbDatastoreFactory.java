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

import dev.steward.toolkit.datastore.TypedDatastoreFactory;

/**
 * Creates the {@code mongodb} datastore. Core calls {@code create} once at boot, on the booting
 * thread: it reads {@link MongodbConfig} and asks the configured {@code mongod} for its version.
 * Without a {@code mongod} the datastore offers no version (core then refuses to create instances
 * of it with NOT_FOUND "no installed version"); it never pretends to be MongoDB.
 */
public final class MongodbDatastoreFactory extends TypedDatastoreFactory<MongodbConfig> {
  public static final String NAME = "mongodb";

  public MongodbDatastoreFactory() {
    super(
        NAME,
        MongodbConfig::from,
        config -> new MongodbDatastore(config, InstalledVersion.detect(config)));
  }
}
