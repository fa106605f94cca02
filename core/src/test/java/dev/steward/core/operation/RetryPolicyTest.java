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
package dev.steward.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.core.config.StewardConfig;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one retry policy of steps and compensations alike, without an engine. */
class RetryPolicyTest {
  private static final StewardException RETRYABLE =
      new StewardException(StandardErrorCode.ENGINE_UNAVAILABLE, "not ready");
  private static final StewardException PERMANENT =
      new StewardException(StandardErrorCode.COMMAND_FAILED, "broken");

  private final RetryPolicy policy =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(500));

  @Test
  void retryableErrorsBackOffDoublingUntilTheLimit() {
    assertThat(policy.retryAfter(RETRYABLE, 1)).contains(Duration.ofMillis(100));
    assertThat(policy.retryAfter(RETRYABLE, 2)).contains(Duration.ofMillis(200));
    assertThat(policy.retryAfter(RETRYABLE, 3)).contains(Duration.ofMillis(400));
    assertThat(policy.retryAfter(RETRYABLE, 4)).isEmpty();
    assertThat(policy.retryAfter(RETRYABLE, 5)).isEmpty();
  }

  @Test
  void permanentErrorsAreFinalAtOnce() {
    assertThat(policy.retryAfter(PERMANENT, 1)).isEmpty();
    assertThat(
            policy.retryAfter(
                new StewardException(StandardErrorCode.INTERNAL_ERROR, "unexpected"), 1))
        .isEmpty();
  }

  @Test
  void backOffsAreCapped() {
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(60)).isEqualTo(Duration.ofMillis(500));
    RetryPolicy slowStart = new RetryPolicy(3, Duration.ofMinutes(2), Duration.ofSeconds(30));
    assertThat(slowStart.backoff(1)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void oneAttemptMeansNoRetry() {
    RetryPolicy once = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10));
    assertThat(once.retryAfter(RETRYABLE, 1)).isEmpty();
  }

  @Test
  void theEnginesPolicyComesFromCoresConfiguration() {
    StewardConfig config =
        StewardConfig.from(
            new PluginConfig(
                StewardConfig.PREFIX,
                Map.of("datastores", "test", "max-attempts", "7", "retry-backoff", "250ms")));
    RetryPolicy fromConfig = RetryPolicy.from(config);
    assertThat(fromConfig)
        .isEqualTo(new RetryPolicy(7, Duration.ofMillis(250), RetryPolicy.MAX_BACKOFF));
    assertThat(fromConfig.backoff(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(fromConfig.backoff(8)).isEqualTo(Duration.ofSeconds(30));
    StewardConfig defaults =
        StewardConfig.from(new PluginConfig(StewardConfig.PREFIX, Map.of("datastores", "test")));
    assertThat(RetryPolicy.from(defaults))
        .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30)));
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.backoff(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
