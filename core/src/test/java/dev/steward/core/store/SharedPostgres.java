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
package dev.steward.core.store;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private PostgreSQL for every test class of a run that extends with it: started by the first
 * such class, stopped (by pid) when the test run ends, since JUnit closes what the root store
 * holds. Classes share its one database; they use fresh ids.
 */
public final class SharedPostgres implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedPostgres.class);
  private static volatile PrivatePostgres server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent("server", key -> start(), PrivatePostgres.class);
  }

  /** The shared server's JDBC URL (user {@code postgres}, trust authentication). */
  public static String url() {
    PrivatePostgres running = server;
    if (running == null) {
      throw new IllegalStateException("extend the test class with SharedPostgres");
    }
    return running.url();
  }

  private static PrivatePostgres start() {
    try {
      return PrivatePostgres.start(Files.createTempDirectory("steward-pg"), "127.91.0.1");
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a private PostgreSQL", e);
    }
  }
}
