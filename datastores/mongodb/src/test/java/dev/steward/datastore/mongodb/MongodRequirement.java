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

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where a real {@code mongod} exists: the one the environment variable
 * {@value #VARIABLE} names, else {@code mongod} on {@code PATH}. Without one the class is skipped
 * loudly: a line on stderr, and a JUnit assumption failure naming the reason, so that the report
 * counts the class's tests as skipped, never as passed. Runs before the TCK base class's
 * {@code @BeforeAll}, so nothing is booted for a skipped class.
 *
 * <p>There is no stand-in: a wire-protocol imitation of MongoDB is not MongoDB, and the TCK proves
 * only what runs against the real server.
 */
final class MongodRequirement implements BeforeAllCallback {
  static final String VARIABLE = "STEWARD_MONGOD";

  /** The mongod to test with, if any. */
  static Optional<Path> mongod() {
    String named = System.getenv(VARIABLE);
    if (named != null && !named.isBlank()) {
      return InstalledVersion.locate(named.strip(), System.getenv("PATH"));
    }
    return InstalledVersion.locate("mongod", System.getenv("PATH"));
  }

  /** Why tests are skipped here, or empty when a mongod is available. */
  static Optional<String> skipReason() {
    if (mongod().isPresent()) {
      return Optional.empty();
    }
    String named = System.getenv(VARIABLE);
    String where =
        named == null || named.isBlank()
            ? "no mongod on PATH and " + VARIABLE + " is not set"
            : VARIABLE + "=" + named + " is not an executable";
    return Optional.of(
        "MongoDB TCK SKIPPED: "
            + where
            + " (Debian 12 ships no MongoDB server; install one and set "
            + VARIABLE
            + " to run it against a real mongod)");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<String> reason = skipReason();
    if (reason.isPresent()) {
      System.err.println(
          "*** " + context.getRequiredTestClass().getSimpleName() + ": " + reason.get() + " ***");
      Assumptions.abort(reason.get());
    }
  }
}
