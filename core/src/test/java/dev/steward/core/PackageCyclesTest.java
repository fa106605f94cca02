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

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's shape, read from its compiled classes: no package cycles, no injected {@code Provider}
 * (which hides a cycle between two services from Guice), and no service taking more than seven
 * dependencies.
 */
class PackageCyclesTest {
  private static final String CORE = "dev.steward.core";
  private static final int MAX_DEPENDENCIES = 7;

  /**
   * Cycles known and owned elsewhere, as their sorted package sets: store ↔ operation goes when
   * {@code OperationStore} moves into the operation package (the operation engine's split). Once
   * such a cycle is gone, the test fails until its entry here is removed, so the list only shrinks.
   */
  private static final Set<Set<String>> KNOWN_CYCLES = Set.of();

  private static List<ClassFile> classes;

  @BeforeAll
  static void readClasses() throws Exception {
    classes = ClassFile.readAll(mainClasses());
    assertThat(classes).as("core's compiled classes").hasSizeGreaterThan(50);
  }

  private static Path mainClasses() throws URISyntaxException {
    return Path.of(Steward.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void corePackagesHaveNoCycles() {
    Map<String, Map<String, String>> graph = packageGraph();
    List<Set<String>> cycles = stronglyConnected(graph);
    List<String> unexpected = new ArrayList<>();
    for (Set<String> cycle : cycles) {
      if (!KNOWN_CYCLES.contains(cycle)) {
        unexpected.add(describe(cycle, graph));
      }
    }
    assertThat(unexpected).as("package cycles in core (every arrow with one example)").isEmpty();
    assertThat(KNOWN_CYCLES)
        .as("known cycles that are gone: remove them from KNOWN_CYCLES")
        .allMatch(cycles::contains);
  }

  @Test
  void noServiceIsInjectedWithAProvider() {
    List<String> users =
        classes.stream()
            .filter(type ->
                type.references().contains("jakarta.inject.Provider")
                    || type.references().contains("com.google.inject.Provider"))
            .map(ClassFile::name)
            .sorted()
            .toList();
    assertThat(users)
        .as("classes using an injected Provider (a hidden dependency cycle)")
        .isEmpty();
  }

  @Test
  void noServiceTakesMoreThanSevenDependencies() throws Exception {
    List<String> wide = new ArrayList<>();
    for (ClassFile type : classes) {
      Class<?> loaded = Class.forName(type.name(), false, getClass().getClassLoader());
      for (Constructor<?> constructor : loaded.getDeclaredConstructors()) {
        if (constructor.isAnnotationPresent(Inject.class)
            && constructor.getParameterCount() > MAX_DEPENDENCIES) {
          wide.add(loaded.getSimpleName() + " (" + constructor.getParameterCount() + ")");
        }
      }
    }
    assertThat(wide).as("services with more than " + MAX_DEPENDENCIES + " dependencies").isEmpty();
  }

  @Test
  void theReaderSeesFieldParameterAndTypeArgumentTypes() throws Exception {
    ClassFile recorder =
        classes.stream()
            .filter(type -> type.name().equals(CORE + ".instance.InstanceRecorder"))
            .findFirst()
            .orElseThrow();
    assertThat(recorder.references())
        .contains(
            CORE + ".store.Store",
            CORE + ".quota.QuotaService",
            "org.jdbi.v3.core.Handle",
            CORE + ".instance.Payloads$Create");
    assertThat(recorder.packageName()).isEqualTo(CORE + ".instance");
  }

  /** Package → package it uses → one example "Class → Class". */
  private static Map<String, Map<String, String>> packageGraph() {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    for (ClassFile type : classes) {
      Map<String, String> uses = graph.computeIfAbsent(type.packageName(), name -> new TreeMap<>());
      for (String reference : type.references()) {
        String target = ClassFile.packageOf(reference);
        boolean inCore = target.equals(CORE) || target.startsWith(CORE + ".");
        if (inCore && !target.equals(type.packageName())) {
          uses.putIfAbsent(target, simple(type.name()) + " → " + simple(reference));
        }
      }
    }
    return graph;
  }

  /** Tarjan's strongly connected components of more than one package. */
  private static List<Set<String>> stronglyConnected(Map<String, Map<String, String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> lowest = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<Set<String>> components = new ArrayList<>();
    for (String start : graph.keySet()) {
      if (!index.containsKey(start)) {
        visit(start, graph, index, lowest, stack, components);
      }
    }
    return components.stream().filter(component -> component.size() > 1).toList();
  }

  private static void visit(
      String node,
      Map<String, Map<String, String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> lowest,
      Deque<String> stack,
      List<Set<String>> components) {
    index.put(node, index.size());
    lowest.put(node, index.get(node));
    stack.push(node);
    for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
      if (!index.containsKey(next)) {
        visit(next, graph, index, lowest, stack, components);
        lowest.put(node, Math.min(lowest.get(node), lowest.get(next)));
      } else if (stack.contains(next)) {
        lowest.put(node, Math.min(lowest.get(node), index.get(next)));
      }
    }
    if (lowest.get(node).equals(index.get(node))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        component.add(member);
      } while (!member.equals(node));
      components.add(Set.copyOf(component));
    }
  }

  private static String describe(Set<String> cycle, Map<String, Map<String, String>> graph) {
    StringBuilder text = new StringBuilder(String.join(" ↔ ", new TreeSet<>(cycle)) + ":");
    for (String from : new TreeSet<>(cycle)) {
      graph
          .get(from)
          .forEach((to, example) -> {
            if (cycle.contains(to)) {
              text.append("\n  ")
                  .append(from)
                  .append(" → ")
                  .append(to)
                  .append(" (")
                  .append(example);
              text.append(")");
            }
          });
    }
    return text.toString();
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
