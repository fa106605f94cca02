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
package dev.steward.core.fakes;

import dev.steward.core.Steward;
import dev.steward.core.instance.InstanceService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up a test on a {@link FakeSteward} shares: a temporary directory, the fakes it starts
 * there (at most one set a test) and their closing after each test.
 */
public abstract class FakeStewardTest {
  @TempDir protected Path directory;
  protected FakeSteward fakes;

  @AfterEach
  final void closeFakes() {
    if (fakes != null) {
      fakes.close();
      fakes = null;
    }
  }

  /** Starts the fakes with the defaults (see {@link FakeSteward#start(Path)}). */
  protected final FakeSteward startFakes() {
    return startFakes(Map.of());
  }

  /** Starts the fakes with more properties. */
  protected final FakeSteward startFakes(Map<String, String> properties) {
    fakes = FakeSteward.start(directory, properties);
    return fakes;
  }

  /** Starts the fakes whose datastore lists {@code strategies}. */
  protected final FakeSteward startFakes(List<String> strategies, Map<String, String> properties) {
    fakes = FakeSteward.start(directory, strategies, properties);
    return fakes;
  }

  protected final Steward steward() {
    return fakes.steward();
  }

  protected final InstanceService instances() {
    return steward().instances();
  }
}
