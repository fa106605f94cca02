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
package dev.steward.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Standard error codes are unique and stable; a StewardException carries its code. */
class ErrorCodesTest {
  @Test
  void standardCodesAreUniqueInTheReservedRangeAndNamedAfterTheirConstant() {
    List<ErrorCode> codes =
        Arrays.stream(StandardErrorCode.values()).map(StandardErrorCode::toErrorCode).toList();
    assertThat(codes).extracting(ErrorCode::code).doesNotHaveDuplicates();
    assertThat(codes).allSatisfy(code -> assertThat(code.code()).isBetween(0, 65535));
    for (StandardErrorCode constant : StandardErrorCode.values()) {
      assertThat(constant.toErrorCode().name()).isEqualTo(constant.name());
    }
  }

  /** Codes are persisted in operations and shown to clients: a number never changes meaning. */
  @Test
  void codeNumbersArePinned() {
    assertThat(StandardErrorCode.INVALID_ARGUMENT.toErrorCode().code()).isEqualTo(1);
    assertThat(StandardErrorCode.NOT_SUPPORTED.toErrorCode().code()).isEqualTo(7);
    assertThat(StandardErrorCode.CONFIGURATION_INVALID.toErrorCode().code()).isEqualTo(9);
    assertThat(StandardErrorCode.BACKUP_INCOMPATIBLE.toErrorCode().code()).isEqualTo(22);
    assertThat(StandardErrorCode.PLUGIN_INCOMPATIBLE.toErrorCode().code()).isEqualTo(23);
    assertThat(StandardErrorCode.TIMEOUT.toErrorCode().retryable()).isTrue();
    assertThat(StandardErrorCode.NOT_FOUND.toErrorCode().category().httpStatus()).isEqualTo(404);
  }

  @Test
  void anExceptionCarriesItsCodeAndRetryability() {
    StewardException timeout = new StewardException(StandardErrorCode.TIMEOUT, "slow");
    assertThat(timeout.is(StandardErrorCode.TIMEOUT)).isTrue();
    assertThat(timeout.is(StandardErrorCode.NOT_FOUND)).isFalse();
    assertThat(timeout.isRetryable()).isTrue();
    assertThat(timeout.errorCode().name()).isEqualTo("TIMEOUT");
    assertThat(timeout).hasToString("StewardException[TIMEOUT]: slow").hasNoCause();
    IllegalStateException cause = new IllegalStateException("root");
    assertThat(new StewardException(StandardErrorCode.STORE_FAILURE, "x", cause)).hasCause(cause);
  }

  @Test
  void aPluginCodeIsAValueAndRefusesNonsense() {
    ErrorCodeSupplier plugin =
        () -> new ErrorCode(70000, "MY_FAILURE", ErrorCategory.INTERNAL, false);
    StewardException failure = new StewardException(plugin, "broke");
    assertThat(failure.is(plugin)).isTrue();
    assertThat(failure.errorCode().category().httpStatus()).isEqualTo(500);
    assertThatThrownBy(() -> new ErrorCode(-1, "X", ErrorCategory.INTERNAL, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ErrorCode(1, null, ErrorCategory.INTERNAL, false))
        .hasMessage("name is null");
    assertThatThrownBy(() -> new StewardException(StandardErrorCode.TIMEOUT, null))
        .hasMessage("message is null");
  }

  @Test
  void theSpiMajorIsTwo() {
    assertThat(SpiVersion.MAJOR).isEqualTo(2);
  }
}
