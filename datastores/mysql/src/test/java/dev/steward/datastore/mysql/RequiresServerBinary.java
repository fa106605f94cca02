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
package dev.steward.datastore.mysql;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class, before any of its {@code @BeforeAll} methods, when the member's server binary
 * is truly absent from this machine: a loud line on stderr and a JUnit assumption, so the report
 * shows the class as skipped with the reason. When the binary is present the class runs and its
 * failures are failures.
 */
public abstract class RequiresServerBinary implements BeforeAllCallback {
  /** The member whose binary the class needs. */
  protected abstract Distribution distribution();

  /** The environment variable that names the binary's path. */
  protected abstract String variable();

  @Override
  public void beforeAll(ExtensionContext context) {
    ServerBinaries.Search search = ServerBinaries.search(distribution(), variable());
    if (search.found().isEmpty()) {
      String line =
          "!!!!! SKIPPED "
              + context.getDisplayName()
              + ": the "
              + distribution().displayName()
              + " TCK did not run: "
              + search.explanation();
      System.err.println(line);
      Assumptions.assumeTrue(false, line);
    }
  }
}
