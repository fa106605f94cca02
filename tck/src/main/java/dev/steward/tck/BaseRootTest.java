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

import dev.steward.core.instance.RootService.RootCredentials;
import dev.steward.core.model.Instance;
import dev.steward.spi.Capability;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Root contract, both ways (Trove's enable / show / disable root). */
public abstract class BaseRootTest extends StewardTestBase {
  private Instance instance;

  @BeforeAll
  void createInstance() {
    instance = createActive(request("root"));
  }

  @Test
  void enableShowDisable() {
    if (!declares(Capability.ROOT)) {
      int operations = operationsOf(instance).size();
      assertFails(
          StandardErrorCode.NOT_SUPPORTED,
          () -> steward.root().enable(tenant, instance.id(), Optional.empty()));
      assertFails(
          StandardErrorCode.NOT_SUPPORTED, () -> steward.root().isEnabled(tenant, instance.id()));
      assertFails(
          StandardErrorCode.NOT_SUPPORTED, () -> steward.root().disable(tenant, instance.id()));
      assertThat(operationsOf(instance)).hasSize(operations);
      return;
    }
    assertThat(steward.root().isEnabled(tenant, instance.id())).isFalse();
    RootCredentials generated = steward.root().enable(tenant, instance.id(), Optional.empty());
    assertThat(generated.password().reveal()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(steward.root().isEnabled(tenant, instance.id())).isTrue();
    assertThat(client().canLogin(endpoint(instance), generated.userName(), generated.password()))
        .isTrue();

    Secret chosen = Secret.of("Chosen-root-pass-9");
    RootCredentials again = steward.root().enable(tenant, instance.id(), Optional.of(chosen));
    assertThat(client().canLogin(endpoint(instance), again.userName(), chosen)).isTrue();
    assertThat(client().canLogin(endpoint(instance), again.userName(), generated.password()))
        .isFalse();

    succeed(steward.root().disable(tenant, instance.id()));
    assertThat(steward.root().isEnabled(tenant, instance.id())).isFalse();
    assertThat(client().canLogin(endpoint(instance), again.userName(), chosen)).isFalse();
  }
}
