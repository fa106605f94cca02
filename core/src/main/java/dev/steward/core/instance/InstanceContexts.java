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
package dev.steward.core.instance;

import static java.util.Objects.requireNonNull;

import dev.steward.core.model.Instance;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.Datastore;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.platform.Host;
import java.util.Optional;

/** Builds the {@link InstanceContext} a datastore call needs: stored instance, host, secret. */
public final class InstanceContexts {
  private final Plugins plugins;
  private final InstanceStore instances;
  private final SecretBox secrets;

  public InstanceContexts(Plugins plugins, InstanceStore instances, SecretBox secrets) {
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.instances = requireNonNull(instances, "instances is null");
    this.secrets = requireNonNull(secrets, "secrets is null");
  }

  public Instance instance(String instanceId) {
    return instances.find(instanceId).orElseThrow(() -> InstanceStore.notFound(instanceId));
  }

  public Datastore datastore(Instance instance) {
    return plugins.datastore(instance.datastore());
  }

  /** The context of an instance whose host exists. */
  public InstanceContext context(String instanceId) {
    Instance instance = instance(instanceId);
    Host host =
        plugins
            .platform()
            .find(instanceId)
            .orElseThrow(() ->
                new StewardException(
                    StandardErrorCode.PLATFORM_FAILURE,
                    "The host of instance " + instanceId + " is missing"));
    return context(instance, host);
  }

  public InstanceContext context(Instance instance, Host host) {
    Datastore datastore = datastore(instance);
    return new InstanceContext(
        instance.id(),
        plugins.version(datastore, Optional.of(instance.datastoreVersion())),
        instance.resources(),
        host,
        secrets.decryptSecret(instances.sealedAdminSecret(instance.id())));
  }
}
