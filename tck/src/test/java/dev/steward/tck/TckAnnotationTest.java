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
package dev.steward.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a suite finds its environment from {@link Tck} (no server is started here). */
class TckAnnotationTest {
  @Test
  void theAnnotatedEnvironmentIsCreatedOncePerSuite() {
    Annotated suite = new Annotated();

    assertThat(suite.environment()).isInstanceOf(Environment.class);
    assertThat(suite.environment()).isSameAs(suite.environment());
  }

  @Test
  void aSuiteWithoutTheAnnotationFailsNamingItsClass() {
    assertThatThrownBy(() -> new NotAnnotated().environment())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(NotAnnotated.class.getName())
        .hasMessageContaining("@Tck");
  }

  @Tck(Environment.class)
  static final class Annotated extends StewardTestBase {}

  static final class NotAnnotated extends StewardTestBase {}

  private static final class Environment implements TckEnvironment {
    @Override
    public String datastore() {
      return "none";
    }

    @Override
    public Map<String, String> properties(Path dataDirectory) {
      return Map.of();
    }

    @Override
    public EngineClient client() {
      throw new UnsupportedOperationException("not used");
    }
  }
}
