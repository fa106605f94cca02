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
package org.example.steward.etcd;

import dev.steward.toolkit.datastore.TypedDatastoreFactory;

/**
 * Creates the {@code etcd} datastore. Core calls {@code create} once at boot, on the booting
 * thread, when {@code steward.datastores} lists {@code etcd}: the toolkit binds {@link EtcdConfig}
 * and this factory asks the installed {@code etcd} for its version.
 */
public final class EtcdDatastoreFactory extends TypedDatastoreFactory<EtcdConfig> {
  public static final String NAME = "etcd";

  public EtcdDatastoreFactory() {
    super(
        NAME,
        EtcdConfig::from,
        config -> new EtcdDatastore(config, InstalledVersion.detect(config)));
  }
}
