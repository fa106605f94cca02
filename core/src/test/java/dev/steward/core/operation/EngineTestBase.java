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
package dev.steward.core.operation;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every engine test starts from: a fresh {@link EngineHarness} (in-memory store, no engine
 * yet) before each test, closed with the engines it started after it.
 */
abstract class EngineTestBase {
  @TempDir Path directory;

  EngineHarness harness;

  @BeforeEach
  final void openHarness() {
    harness = new EngineHarness(directory);
  }

  @AfterEach
  final void closeHarness() {
    harness.close();
  }
}
