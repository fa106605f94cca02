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
package dev.steward.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.steward.core.backup.BackupPlans;
import dev.steward.core.backup.BackupRestorer;
import dev.steward.core.config.ConfigSource;
import dev.steward.core.config.StewardConfig;
import dev.steward.core.instance.AdminPlans;
import dev.steward.core.instance.InstanceContexts;
import dev.steward.core.instance.InstancePlans;
import dev.steward.core.instance.RestoreSource;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.operation.OperationListener;
import dev.steward.core.operation.OperationPlan;
import dev.steward.core.operation.OperationStore;
import dev.steward.core.plugin.PluginLoader;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.quota.QuotaConfig;
import dev.steward.core.secret.SecretBox;
import dev.steward.core.store.InstanceStore;
import dev.steward.core.store.Store;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Core's wiring. The injector stays inside {@link Steward}; plugins never see it. */
final class CoreModule extends AbstractModule {
  private final ConfigSource source;
  private final List<OperationListener> listeners;
  private final ClassLoader classLoader;

  CoreModule(ConfigSource source, List<OperationListener> listeners, ClassLoader classLoader) {
    this.source = source;
    this.listeners = List.copyOf(listeners);
    this.classLoader = classLoader;
  }

  @Override
  protected void configure() {
    // A dependency cycle fails the boot instead of being hidden behind a proxy.
    binder().disableCircularProxies();
    bind(Clock.class).toInstance(Clock.systemUTC());
    bind(ObjectMapper.class).toInstance(new ObjectMapper());
    bind(RestoreSource.class).to(BackupRestorer.class);
  }

  @Provides
  @Singleton
  StewardConfig config() {
    return StewardConfig.from(source.section(StewardConfig.PREFIX));
  }

  @Provides
  @Singleton
  QuotaConfig quotaConfig() {
    return QuotaConfig.from(source.section(QuotaConfig.PREFIX));
  }

  @Provides
  @Singleton
  Plugins plugins(StewardConfig config) {
    return PluginLoader.load(source, config, classLoader);
  }

  @Provides
  @Singleton
  Store store(StewardConfig config) {
    return new Store(config);
  }

  @Provides
  @Singleton
  SecretBox secrets(StewardConfig config) {
    return SecretBox.fromKeyFile(config.dataDirectory().resolve("secret.key"));
  }

  @Provides
  @Singleton
  OperationEngine engine(
      StewardConfig config,
      Store store,
      OperationStore operations,
      InstanceStore instances,
      SecretBox secrets,
      ObjectMapper mapper,
      Clock clock,
      InstancePlans instancePlans,
      AdminPlans adminPlans,
      BackupPlans backupPlans) {
    Set<OperationPlan> plans = new HashSet<>(instancePlans.plans());
    plans.addAll(adminPlans.plans());
    plans.addAll(backupPlans.plans());
    return new OperationEngine(
        config, store, operations, instances, secrets, mapper, clock, plans, listeners);
  }

  @Provides
  @Singleton
  InstanceContexts contexts(Plugins plugins, InstanceStore instances, SecretBox secrets) {
    return new InstanceContexts(plugins, instances, secrets);
  }
}
