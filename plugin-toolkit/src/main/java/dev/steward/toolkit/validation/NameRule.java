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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One naming rule of an engine, such as "a database Steward creates" or "a user that may exist
 * already": an ordered list of checks, each refusing a name with a problem that completes the
 * sentence "The {kind} name '{name}' ...". Every refusal is {@code INVALID_NAME}. Engines build
 * their rules once (static fields of their {@code Names} class) and call {@link #validate} from
 * their admins before a name reaches the server; the checks run in the order they were added.
 */
public final class NameRule {
  /** One check: the problem with a name, or empty when the name passes. */
  @FunctionalInterface
  interface Check {
    Optional<String> problem(String name);
  }

  private final String kind;
  private final List<Check> checks;

  private NameRule(String kind, List<Check> checks) {
    this.kind = kind;
    this.checks = List.copyOf(checks);
  }

  /** Starts a rule for names of {@code kind} ({@code database}, {@code user}, {@code host}). */
  public static Builder of(String kind) {
    return new Builder(kind);
  }

  /** Fails with {@code INVALID_NAME} when {@code name} is empty or a check refuses it. */
  public void validate(String name) {
    requireNonNull(name, "name is null");
    if (name.isEmpty()) {
      throw new StewardException(StandardErrorCode.INVALID_NAME, "The " + kind + " name is empty");
    }
    for (Check check : checks) {
      Optional<String> problem = check.problem(name);
      if (problem.isPresent()) {
        throw new StewardException(
            StandardErrorCode.INVALID_NAME,
            "The " + kind + " name " + Printable.of(name) + " " + problem.get());
      }
    }
  }

  /** Adds checks in order; {@link #build} makes the rule. */
  public static final class Builder {
    private final String kind;
    private final List<Check> checks = new ArrayList<>();

    private Builder(String kind) {
      this.kind = requireNonNull(kind, "kind is null");
    }

    /** At most {@code limit} bytes of UTF-8. */
    public Builder maxUtf8Bytes(int limit) {
      return add(name -> tooLong(name.getBytes(StandardCharsets.UTF_8).length, limit, "bytes"));
    }

    /** At most {@code limit} UTF-16 characters. */
    public Builder maxCharacters(int limit) {
      return add(name -> tooLong(name.length(), limit, "characters"));
    }

    /** At most {@code limit} Unicode code points (what MySQL counts as characters). */
    public Builder maxCodePoints(int limit) {
      return add(name -> tooLong(name.codePointCount(0, name.length()), limit, "characters"));
    }

    /** Refuses a name holding any character {@code refused} matches, with {@code problem}. */
    public Builder refuse(IntPredicate refused, String problem) {
      requireNonNull(problem, "problem is null");
      return add(name -> problemIf(name.chars().anyMatch(refused), problem));
    }

    /** Refuses a name with a NUL character. */
    public Builder refuseNul() {
      return refuse(c -> c == 0, "contains a NUL character");
    }

    /** Refuses a name with a control character. */
    public Builder refuseControl() {
      return refuse(Character::isISOControl, "contains a control character");
    }

    /** Refuses the first of {@code characters} a name holds, naming it. */
    public Builder refuseEach(String characters) {
      return add(name ->
          name.chars()
              .filter(c -> characters.indexOf(c) >= 0)
              .mapToObj(c -> "contains '" + (char) c + "'")
              .findFirst());
    }

    /** The whole name must match {@code pattern}; otherwise {@code problem}. */
    public Builder pattern(Pattern pattern, String problem) {
      requireNonNull(pattern, "pattern is null");
      requireNonNull(problem, "problem is null");
      return add(name -> problemIf(!pattern.matcher(name).matches(), problem));
    }

    /** Refuses a reserved name: "is reserved". */
    public Builder notReserved(ReservedNames reserved) {
      requireNonNull(reserved, "reserved is null");
      return notReserved(reserved::contains);
    }

    /** Refuses a name {@code reserved} accepts (an engine's own predicate): "is reserved". */
    public Builder notReserved(Predicate<String> reserved) {
      requireNonNull(reserved, "reserved is null");
      return add(name -> problemIf(reserved.test(name), "is reserved"));
    }

    public NameRule build() {
      return new NameRule(kind, checks);
    }

    private Builder add(Check check) {
      checks.add(check);
      return this;
    }

    private static Optional<String> tooLong(int length, int limit, String unit) {
      return problemIf(
          length > limit, "is " + length + " " + unit + " long; the limit is " + limit);
    }

    private static Optional<String> problemIf(boolean refused, String problem) {
      if (refused) {
        return Optional.of(problem);
      }
      return Optional.empty();
    }
  }
}
