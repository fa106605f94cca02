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
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The naming rules every engine enforces before a name reaches its server, checked without one:
 * each strict rule (a database or user Steward creates) refuses every name of {@link
 * #HOSTILE_NAMES} and the engine's own additions with {@code INVALID_NAME}, and accepts the
 * engine's good names. An engine's naming test subclasses it, names its strict rules and adds its
 * own cases (reserved names, lengths, the lax rules for existing names) with {@link
 * #assertAccepted} and {@link #assertInvalidName}.
 */
public abstract class BaseNamingRulesTest {
  /** Quotes, shell and query syntax, whitespace, control and non-ASCII characters, sizes. */
  public static final List<String> HOSTILE_NAMES =
      List.of(
          "",
          "a\"b",
          "a'b",
          "a`b",
          "a`b`",
          "a;b",
          "x; DROP DATABASE y",
          "$(touch /tmp/x)",
          "`id`",
          "a b",
          "a\nb",
          "a\0b",
          "a\\b",
          "-leading-dash",
          "../etc",
          "grüße",
          "数据库",
          "emoji😀",
          "x".repeat(10 * 1024));

  private final List<Consumer<String>> strictRules;
  private final List<String> good;
  private final List<String> hostile;

  /**
   * @param strictRules the checks for names Steward creates, e.g. {@code Names.USER::validate}
   * @param moreHostile names only this engine refuses (beyond {@link #HOSTILE_NAMES})
   * @param good names every strict rule accepts (rule-specific ones go in the engine's own tests)
   */
  protected BaseNamingRulesTest(
      List<Consumer<String>> strictRules, List<String> moreHostile, List<String> good) {
    this.strictRules = List.copyOf(strictRules);
    this.good = List.copyOf(good);
    List<String> all = new ArrayList<>(HOSTILE_NAMES);
    all.addAll(moreHostile);
    this.hostile = List.copyOf(all);
  }

  @Test
  void acceptsGoodNames() {
    for (Consumer<String> rule : strictRules) {
      assertAccepted(rule, good);
    }
  }

  @Test
  void refusesHostileNamesWithInvalidName() {
    for (Consumer<String> rule : strictRules) {
      for (String name : hostile) {
        assertInvalidName(() -> rule.accept(name), name);
      }
    }
  }

  /** Every name passes {@code rule}. */
  protected static void assertAccepted(Consumer<String> rule, List<String> names) {
    for (String name : names) {
      assertThatCode(() -> rule.accept(name)).as(name).doesNotThrowAnyException();
    }
  }

  /** {@code check} fails with {@code INVALID_NAME}; {@code what} (shortened) labels a failure. */
  protected static void assertInvalidName(Runnable check, String what) {
    assertThatThrownBy(check::run)
        .as(what.length() > 40 ? what.substring(0, 40) : what)
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(StandardErrorCode.INVALID_NAME)).isTrue());
  }
}
