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

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;

/**
 * Who may depend on whom, checked on the main classes of every module. Plugins (datastores, backup
 * strategies, the etcd example) reach Steward only through the SPI and the plugin toolkit; the SPI
 * needs the JDK alone, the toolkit the SPI alone; core's packages form no cycle and none of them
 * reaches back up to core's root package ({@code Steward}, its Guice module).
 */
@AnalyzeClasses(
    packages = {"dev.steward", "org.example.steward"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {
  /** Package roots under which each subpackage is one plugin module. */
  private static final List<String> PLUGIN_ROOTS =
      List.of("dev.steward.datastore.", "dev.steward.backup.", "org.example.steward.");

  /** What every plugin may use besides its own packages and libraries outside Steward. */
  private static final List<String> PLUGIN_API = List.of("dev.steward.spi", "dev.steward.toolkit");

  @ArchTest
  static final ArchRule PLUGINS_USE_ONLY_THE_SPI_AND_THE_TOOLKIT =
      classes()
          .that()
          .resideInAnyPackage("dev.steward.datastore..", "dev.steward.backup..", "org.example..")
          .should(dependOnlyOnTheSpiTheToolkitTheirOwnModuleAndLibraries())
          .because(
              "a plugin is built against steward-spi and steward-plugin-toolkit only (percona may"
                  + " extend the MySQL family), never core, a platform, the server or the TCK");

  @ArchTest
  static final ArchRule THE_SPI_NEEDS_THE_JDK_ONLY =
      classes()
          .that()
          .resideInAPackage("dev.steward.spi..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.steward.spi..")
          .because("the SPI is the contract plugins compile against; it brings no library");

  @ArchTest
  static final ArchRule THE_TOOLKIT_NEEDS_THE_SPI_ONLY =
      classes()
          .that()
          .resideInAPackage("dev.steward.toolkit..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.steward.spi..", "dev.steward.toolkit..")
          .because("plugin-toolkit is shared plugin plumbing on top of the SPI, nothing else");

  @ArchTest
  static final ArchRule CORE_HAS_NO_PACKAGE_CYCLES =
      slices()
          .matching("dev.steward.core.(**)")
          .should()
          .beFreeOfCycles()
          .because("each core package builds on the ones below it only");

  @ArchTest
  static final ArchRule CORE_PACKAGES_DO_NOT_REACH_BACK_TO_THE_ROOT =
      noClasses()
          .that()
          .resideInAPackage("dev.steward.core.*..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.steward.core")
          .because("dev.steward.core holds the facade that wires the packages below it");

  private static ArchCondition<JavaClass> dependOnlyOnTheSpiTheToolkitTheirOwnModuleAndLibraries() {
    return new ArchCondition<>(
        "depend only on the SPI, the toolkit, their own module and libraries") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String module = module(origin.getPackageName()).orElseThrow();
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getPackageName();
          if (!allowed(module, target)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static boolean allowed(String module, String target) {
    if (!target.startsWith("dev.steward") && !target.startsWith("org.example.steward")) {
      return true;
    }
    if (within(target, module)) {
      return true;
    }
    for (String api : PLUGIN_API) {
      if (within(target, api)) {
        return true;
      }
    }
    return module.equals("dev.steward.datastore.percona")
        && within(target, "dev.steward.datastore.mysql");
  }

  /** The plugin module a package belongs to: its root plus one segment. */
  static Optional<String> module(String packageName) {
    for (String root : PLUGIN_ROOTS) {
      if (packageName.startsWith(root)) {
        String rest = packageName.substring(root.length());
        int dot = rest.indexOf('.');
        return Optional.of(root + (dot < 0 ? rest : rest.substring(0, dot)));
      }
    }
    return Optional.empty();
  }

  private static boolean within(String packageName, String root) {
    return packageName.equals(root) || packageName.startsWith(root + ".");
  }
}
