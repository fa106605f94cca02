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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.ErrorCodeSupplier;
import dev.steward.spi.StewardException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on coded refusals. */
public final class Refusals {
  private Refusals() {}

  /** The call throws a StewardException with exactly {@code code}. */
  public static void assertRefused(ErrorCodeSupplier code, ThrowingCallable call) {
    assertRefused(code, "", call);
  }

  /**
   * As {@link #assertRefused(ErrorCodeSupplier, ThrowingCallable)}, its message containing text.
   */
  public static void assertRefused(ErrorCodeSupplier code, String text, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.errorCode().name()).isEqualTo(code.toErrorCode().name()))
        .hasMessageContaining(text);
  }
}
