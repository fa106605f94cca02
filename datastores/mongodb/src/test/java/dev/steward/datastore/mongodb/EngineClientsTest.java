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
package dev.steward.datastore.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.AuthenticationMechanism;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterConnectionMode;
import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class EngineClientsTest {
  private static final ServerAddress SERVER = new ServerAddress("127.88.0.5", 27017);

  @Test
  void administratorAuthenticatesAgainstAdminWithScramSha256() {
    MongoCredential credential = EngineClients.adminCredential(Secret.of("Admin-pass-1"));
    assertThat(credential.getUserName()).isEqualTo("steward_admin");
    assertThat(credential.getSource()).isEqualTo("admin");
    assertThat(credential.getAuthenticationMechanism())
        .isEqualTo(AuthenticationMechanism.SCRAM_SHA_256);
    assertThat(credential.toString()).doesNotContain("Admin-pass-1");
  }

  @Test
  void clientsConnectDirectlyToTheInstanceAddress() throws IOException {
    MongoClientSettings settings =
        EngineClients.settings(
            InetAddress.getByName("127.88.0.5"),
            Optional.of(EngineClients.adminCredential(Secret.of("x"))),
            Duration.ofSeconds(3));
    assertThat(settings.getClusterSettings().getHosts()).containsExactly(SERVER);
    assertThat(settings.getClusterSettings().getMode()).isEqualTo(ClusterConnectionMode.SINGLE);
    assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(3000);
    assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
        .isEqualTo(3000);
    assertThat(settings.getCredential().getUserName()).isEqualTo("steward_admin");
    assertThat(settings.getRetryWrites()).isFalse();
    assertThat(settings.getApplicationName()).isEqualTo("steward");
    assertThat(
            EngineClients.settings(
                    InetAddress.getByName("127.88.0.5"), Optional.empty(), Duration.ofSeconds(1))
                .getCredential())
        .isNull();
  }

  @Test
  void serverCodesMapToStewardCodes() {
    assertThat(EngineClients.serverCode(11)).isEqualTo(StandardErrorCode.NOT_FOUND);
    assertThat(EngineClients.serverCode(26)).isEqualTo(StandardErrorCode.NOT_FOUND);
    assertThat(EngineClients.serverCode(51003)).isEqualTo(StandardErrorCode.ALREADY_EXISTS);
    assertThat(EngineClients.serverCode(48)).isEqualTo(StandardErrorCode.ALREADY_EXISTS);
    assertThat(EngineClients.serverCode(13297)).isEqualTo(StandardErrorCode.ALREADY_EXISTS);
    assertThat(EngineClients.serverCode(73)).isEqualTo(StandardErrorCode.INVALID_NAME);
    assertThat(EngineClients.serverCode(2)).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
    assertThat(EngineClients.serverCode(50)).isEqualTo(StandardErrorCode.TIMEOUT);
    assertThat(EngineClients.serverCode(13))
        .isEqualTo(MongodbErrorCode.ADMIN_AUTHENTICATION_FAILED);
    assertThat(EngineClients.serverCode(91)).isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(EngineClients.serverCode(11600)).isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(EngineClients.serverCode(12345)).isEqualTo(MongodbErrorCode.COMMAND_FAILED);
  }

  @Test
  void commandFailuresNameTheServersErrorNotTheCommand() {
    MongoCommandException failure =
        new MongoCommandException(
            BsonDocument.parse(
                "{ok: 0, code: 51003, codeName: \"Location51003\","
                    + " errmsg: \"User \\\"alice@admin\\\" already exists\"}"),
            SERVER);
    StewardException translated = EngineClients.translate(failure, "Creating user 'alice'");
    assertThat(translated.is(StandardErrorCode.ALREADY_EXISTS)).isTrue();
    assertThat(translated.getMessage())
        .isEqualTo(
            "Creating user 'alice' failed: MongoDB error 51003 Location51003:"
                + " User \"alice@admin\" already exists");
    assertThat(EngineClients.hasCode(failure, 51003)).isTrue();
    assertThat(EngineClients.hasCode(failure, 11)).isFalse();
  }

  @Test
  void noServerIsRetryableUnavailability() {
    StewardException timeout =
        EngineClients.translate(new MongoTimeoutException("no server"), "Listing databases");
    assertThat(timeout.is(StandardErrorCode.ENGINE_UNAVAILABLE)).isTrue();
    assertThat(timeout.isRetryable()).isTrue();
    assertThat(
            EngineClients.code(
                new MongoSocketOpenException("refused", SERVER, new IOException("refused"))))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
  }

  @Test
  void refusedCredentialsAreNotRetried() {
    MongoCredential credential = EngineClients.adminCredential(Secret.of("wrong"));
    assertThat(EngineClients.code(new MongoSecurityException(credential, "Authentication failed")))
        .isEqualTo(MongodbErrorCode.ADMIN_AUTHENTICATION_FAILED);
    assertThat(
            EngineClients.code(
                new MongoSecurityException(
                    credential,
                    "Exception authenticating",
                    new MongoSocketOpenException("reset", SERVER, new IOException("reset")))))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE);
    assertThat(List.of(MongodbErrorCode.ADMIN_AUTHENTICATION_FAILED.toErrorCode().retryable()))
        .containsExactly(false);
  }
}
