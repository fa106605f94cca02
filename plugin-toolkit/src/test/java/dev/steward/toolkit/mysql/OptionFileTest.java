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
package dev.steward.toolkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.toolkit.ToolkitErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionFileTest {
  @Test
  void writesSectionsSeparatedByABlankLineAfterAnInclude() {
    String text =
        OptionFile.create()
            .include("/config/my.cnf")
            .section("client")
            .option("user", "os_admin")
            .secret("password", Secret.of("s3cret"))
            .section("mysqld")
            .flag("skip-name-resolve")
            .text();

    assertThat(text)
        .isEqualTo(
            "!include /config/my.cnf\n[client]\nuser=os_admin\npassword=\"s3cret\"\n\n[mysqld]\n"
                + "skip-name-resolve\n");
  }

  @Test
  void secretsAreDoubleQuotedWithBackslashesDoubled() {
    assertThat(OptionFile.quoted(Secret.of("abc#1"))).isEqualTo("\"abc#1\"");
    assertThat(OptionFile.quoted(Secret.of("a\\b"))).isEqualTo("\"a\\\\b\"");
    assertThat(OptionFile.quoted(Secret.of("it's ;[x]"))).isEqualTo("\"it's ;[x]\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"secret\"\n[client]", "a\"b", "a\nuser=root", "a\rb", "a\0b"})
  void hostileSecretsAreRefusedWithOneCodeAndNeverShown(String hostile) {
    assertThatThrownBy(() -> OptionFile.create().secret("password", Secret.of(hostile)))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(ToolkitErrorCode.OPTION_VALUE_NOT_ENCODABLE)).isTrue())
        .hasMessageNotContaining(hostile);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/run/x\n[mysqld]", "/run/x#comment", "a\rb", "a\0b"})
  void plainValuesThatWouldBreakTheFileAreRefused(String hostile) {
    assertThatThrownBy(() -> OptionFile.create().option("socket", hostile))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INTERNAL_ERROR)).isTrue())
        .hasMessageContaining("socket");
    assertThatThrownBy(() -> OptionFile.create().include(hostile))
        .isInstanceOf(StewardException.class);
  }
}
