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
package dev.steward.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.steward.datastore.fixture.ReachesIntoCore;
import dev.steward.datastore.fixture.StaysOnTheSpi;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plugin rule refuses what it should and lets through what it should, on two fixtures. */
class RulesBiteTest {
  @Test
  void aPluginClassReachingIntoCoreIsAViolation() {
    JavaClasses classes = new ClassFileImporter().importClasses(ReachesIntoCore.class);
    EvaluationResult result =
        DependencyRulesTest.PLUGINS_USE_ONLY_THE_SPI_AND_THE_TOOLKIT.evaluate(classes);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("dev.steward.core.Steward"));
  }

  @Test
  void theSpiTheToolkitItsOwnModuleAndLibrariesAreAllowed() {
    JavaClasses classes = new ClassFileImporter().importClasses(StaysOnTheSpi.class);
    assertThat(
            DependencyRulesTest.PLUGINS_USE_ONLY_THE_SPI_AND_THE_TOOLKIT
                .evaluate(classes)
                .hasViolation())
        .isFalse();
  }

  @Test
  void modulesAreTheRootPlusOneSegment() {
    assertThat(DependencyRulesTest.module("dev.steward.datastore.mysql.internal"))
        .contains("dev.steward.datastore.mysql");
    assertThat(DependencyRulesTest.module("dev.steward.backup.pgdump"))
        .contains("dev.steward.backup.pgdump");
    assertThat(DependencyRulesTest.module("org.example.steward.etcd"))
        .contains("org.example.steward.etcd");
    assertThat(DependencyRulesTest.module("dev.steward.core.instance")).isEqualTo(Optional.empty());
  }
}
