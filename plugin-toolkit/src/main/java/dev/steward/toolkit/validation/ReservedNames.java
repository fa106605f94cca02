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
package dev.steward.toolkit.validation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names an engine keeps for itself (its own administrator, system databases), compared
 * case-insensitively: an exact name from {@code names} or any name starting with one of {@code
 * prefixes}. Engines declare them once in their naming rules and use {@link #contains} also to hide
 * internal users from listings.
 */
public record ReservedNames(Set<String> names, List<String> prefixes) {
  public ReservedNames {
    names =
        requireNonNull(names, "names is null").stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    prefixes =
        requireNonNull(prefixes, "prefixes is null").stream()
            .map(prefix -> prefix.toLowerCase(Locale.ROOT))
            .toList();
  }

  /** Exact names only. */
  public static ReservedNames of(String... names) {
    return new ReservedNames(Set.of(names), List.of());
  }

  /** These names and every name starting with {@code prefix}. */
  public ReservedNames withPrefix(String prefix) {
    List<String> more = new ArrayList<>(prefixes);
    more.add(prefix);
    return new ReservedNames(names, more);
  }

  public boolean contains(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return names.contains(lower) || prefixes.stream().anyMatch(lower::startsWith);
  }
}
