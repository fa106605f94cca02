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
package dev.steward.spi.platform;

import static java.util.Objects.requireNonNull;

/**
 * What core asks a platform to provision for one instance.
 *
 * @param instanceId the instance's id; the host is known by it from then on
 * @param datastore the datastore's name (the platform may pick an image or service user by it)
 * @param resources flavor and volume sizes
 */
public record HostRequest(String instanceId, String datastore, Resources resources) {
  public HostRequest {
    requireNonNull(instanceId, "instanceId is null");
    requireNonNull(datastore, "datastore is null");
    requireNonNull(resources, "resources is null");
  }
}
