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
package dev.steward.datastore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.StandardErrorCode;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineConnectionsTest {
  @Test
  void mapsLettuceFailures() {
    assertThat(EngineConnections.code(new RedisCommandTimeoutException("timed out")))
        .isEqualTo(StandardErrorCode.TIMEOUT);
    assertThat(
            EngineConnections.code(
                new RedisConnectionException(
                    "Unable to connect", new ConnectException("Connection refused"))))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(
            EngineConnections.code(
                new RedisConnectionException(
                    "Unable to connect",
                    new RedisCommandExecutionException(
                        "WRONGPASS invalid username-password pair or user is disabled."))))
        .isEqualTo(RedisErrorCode.ADMIN_AUTHENTICATION_FAILED);
    assertThat(EngineConnections.code(new RedisCommandExecutionException("NOAUTH Authentication")))
        .isEqualTo(RedisErrorCode.ADMIN_AUTHENTICATION_FAILED);
    assertThat(
            EngineConnections.code(
                new RedisLoadingException("LOADING Redis is loading the dataset in memory")))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(EngineConnections.code(new RedisCommandExecutionException("BUSY Redis is busy")))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(EngineConnections.code(new RedisCommandExecutionException("ERR syntax error")))
        .isEqualTo(RedisErrorCode.COMMAND_FAILED);
    assertThat(EngineConnections.code(new RedisException("Connection closed")))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(EngineConnections.code(new RedisException("x", new IOException("reset"))))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(
            EngineConnections.translate(new RedisLoadingException("LOADING"), "Pinging")
                .isRetryable())
        .isTrue();
  }

  @Test
  void messagesNeverRepeatArguments() {
    RedisCommandExecutionException echoed =
        new RedisCommandExecutionException(
            "ERR Error in ACL SETUSER modifier '>Secret-pass': Syntax error");
    assertThat(EngineConnections.translate(echoed, "Creating user 'alice'").getMessage())
        .isEqualTo("Creating user 'alice' failed: ERR Error in ACL SETUSER modifier")
        .doesNotContain("Secret-pass");
    assertThat(EngineConnections.withoutArguments("x".repeat(300))).hasSize(203);
  }

  @Test
  void setUserCommandCarriesRulesAsSeparateArguments() {
    assertThat(EngineConnections.setUserArguments("a b", List.of("on", "~*")))
        .containsExactly("SETUSER", "a b", "on", "~*");
  }

  @Test
  void readsFlagsOfAclGetuser() {
    List<Object> reply =
        List.of("flags", List.of("on", "sanitize-payload"), "passwords", List.of("abc"));
    assertThat(RedisRootAdmin.flags(reply)).containsExactly("on", "sanitize-payload");
    assertThat(RedisRootAdmin.flags(List.of())).isEmpty();
    assertThat(RedisRootAdmin.flags(null)).isEmpty();
  }
}
