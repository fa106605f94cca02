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

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import dev.steward.core.backup.BackupService;
import dev.steward.core.config.ConfigSource;
import dev.steward.core.instance.CatalogService;
import dev.steward.core.instance.DatabaseService;
import dev.steward.core.instance.InstanceAdmin;
import dev.steward.core.instance.InstanceService;
import dev.steward.core.instance.Reconciler;
import dev.steward.core.instance.RootService;
import dev.steward.core.instance.UserService;
import dev.steward.core.instance.WarmPool;
import dev.steward.core.operation.OperationEngine;
import dev.steward.core.operation.OperationListener;
import dev.steward.core.operation.OperationService;
import dev.steward.core.plugin.Plugins;
import dev.steward.core.quota.QuotaService;
import dev.steward.core.store.Store;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.datastore.Datastore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable control plane. {@link #start} loads configuration and plugins, opens and migrates
 * the state store, resumes unfinished operations and re-adopts running instances; {@link #close}
 * stops the workers and leaves every database server running.
 *
 * <pre>{@code
 * try (Steward steward = Steward.builder().properties(Map.of(
 *     "steward.datastores", "postgresql")).start()) {
 *   Instance instance = steward.instances().create(CreateInstanceRequest.named("tenant", "db1", "postgresql"));
 *   steward.instances().await("tenant", instance.id(), Set.of(InstanceState.ACTIVE), Duration.ofMinutes(2));
 * }
 * }</pre>
 */
public final class Steward implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Steward.class);

  private final Injector injector;
  private final OperationEngine engine;

  private Steward(Injector injector) {
    this.injector = injector;
    this.engine = injector.getInstance(OperationEngine.class);
  }

  public static Builder builder() {
    return new Builder();
  }

  public InstanceService instances() {
    return injector.getInstance(InstanceService.class);
  }

  public DatabaseService databases() {
    return injector.getInstance(DatabaseService.class);
  }

  public UserService users() {
    return injector.getInstance(UserService.class);
  }

  public RootService root() {
    return injector.getInstance(RootService.class);
  }

  /** The warm pool: its counts, per datastore ({@code steward.warm-pool}). */
  public WarmPool warmPool() {
    return injector.getInstance(WarmPool.class);
  }

  /** Backups and their deletion; restores are instance creates with a restore point. */
  public BackupService backups() {
    return injector.getInstance(BackupService.class);
  }

  public CatalogService catalog() {
    return injector.getInstance(CatalogService.class);
  }

  public OperationService operations() {
    return injector.getInstance(OperationService.class);
  }

  /** Per-tenant quotas: show, update (admission happens inside instance and backup creates). */
  public QuotaService quotas() {
    return injector.getInstance(QuotaService.class);
  }

  /** Operator requests: reset status, listing across tenants, counts by state. */
  public InstanceAdmin admin() {
    return injector.getInstance(InstanceAdmin.class);
  }

  /** Stops workers (running steps get 30 s to reach a boundary), the platform and the store. */
  @Override
  public void close() {
    injector.getInstance(WarmPool.class).close();
    engine.close();
    Plugins plugins = injector.getInstance(Plugins.class);
    for (Datastore datastore : plugins.datastores().values()) {
      try {
        datastore.close();
      } catch (RuntimeException e) {
        LOG.warn("Datastore {} did not close cleanly: {}", datastore.name(), e.getMessage());
      }
    }
    for (BackupStrategy strategy : plugins.strategies().values()) {
      try {
        strategy.close();
      } catch (RuntimeException e) {
        LOG.warn("Backup strategy {} did not close cleanly: {}", strategy.name(), e.getMessage());
      }
    }
    plugins.platform().close();
    injector.getInstance(Store.class).close();
    LOG.info("Steward stopped; database servers keep running");
  }

  /** Configures and starts a {@link Steward}. */
  public static final class Builder {
    private final Map<String, String> properties = new HashMap<>();
    private final List<OperationListener> listeners = new ArrayList<>();
    private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();

    private Builder() {}

    public Builder properties(Map<String, String> more) {
      properties.putAll(more);
      return this;
    }

    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public Builder propertiesFile(Path file) {
      ConfigSource.fromFile(file).forEach(properties::put);
      return this;
    }

    public Builder listener(OperationListener listener) {
      listeners.add(listener);
      return this;
    }

    public Builder classLoader(ClassLoader loader) {
      this.classLoader = loader;
      return this;
    }

    /** Boots; configuration and plugin errors surface as {@link StewardException}s. */
    public Steward start() {
      Injector injector;
      try {
        injector =
            Guice.createInjector(
                Stage.PRODUCTION,
                new CoreModule(new ConfigSource(properties), listeners, classLoader));
      } catch (CreationException e) {
        throw unwrap(e, e.getErrorMessages());
      } catch (ProvisionException e) {
        throw unwrap(e, e.getErrorMessages());
      }
      Steward steward = new Steward(injector);
      steward.engine.start();
      Reconciler reconciler = injector.getInstance(Reconciler.class);
      reconciler.reconcile();
      injector.getInstance(WarmPool.class).start();
      return steward;
    }

    /**
     * The coded error behind a failed boot. Guice reports one message per binding that failed (a
     * bad property fails every service needing the configuration) and gives no single cause then.
     */
    private static RuntimeException unwrap(RuntimeException e, Collection<Message> messages) {
      List<Throwable> causes = new ArrayList<>();
      causes.add(e);
      messages.forEach(message -> causes.add(message.getCause()));
      for (Throwable cause : causes) {
        while (cause != null) {
          if (cause instanceof StewardException coded) {
            return coded;
          }
          cause = cause.getCause();
        }
      }
      return e;
    }
  }
}
