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
package dev.steward.core.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads carry passwords in clear (they are encrypted as a whole): they must never print one. */
class PayloadsTest {
  @Test
  void payloadsNeverPrintPasswords() {
    String password = "s3cret-password";
    Payloads.Users users =
        new Payloads.Users(List.of(new Payloads.User("app", "%", password, List.of("db"))));
    assertThat(users.toString()).contains("app").doesNotContain(password);
    assertThat(new Payloads.Create(List.of(), users.users()).toString()).doesNotContain(password);
    assertThat(new Payloads.Root(password).toString()).doesNotContain(password);
  }
}
