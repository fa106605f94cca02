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
package org.example.steward.etcd;

import dev.steward.spi.Secret;
import dev.steward.tck.EngineClient;
import dev.steward.tck.TckEnvironment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the TCK on the local platform, with Steward discovering this plugin through its {@code
 * META-INF/services} entry. The checks talk to etcd as a tenant's application would: authenticate
 * over the gateway, then put and range keys under the database's prefix.
 */
final class EtcdTckEnvironment implements TckEnvironment, EngineClient {
  private final Gateway gateway = new Gateway(Duration.ofSeconds(10));

  @Override
  public String datastore() {
    return "etcd";
  }

  @Override
  public Map<String, String> properties(Path dataDirectory) {
    return Map.of(
        "local.base-dir", dataDirectory.resolve("i").toString(), "local.address-prefix", "127.89");
  }

  @Override
  public EngineClient client() {
    return this;
  }

  @Override
  public String writeAndRead(
      InetSocketAddress endpoint, String user, Secret password, String database, String value) {
    InetAddress address = endpoint.getAddress();
    Optional<String> token =
        Optional.of(
            login(address, user, password)
                .orElseThrow(
                    () -> new IllegalStateException("authentication of " + user + " failed")));
    String key =
        KeySpace.base64(
            new String(KeySpace.prefix(database), StandardCharsets.UTF_8) + "tck_data/" + value);
    gateway
        .post(address, token, "kv/put", Map.of("key", key, "value", KeySpace.base64(value)))
        .require("put as " + user);
    List<Map<String, Object>> kvs =
        gateway
            .post(address, token, "kv/range", Map.of("key", key))
            .require("range as " + user)
            .objects("kvs");
    return kvs.isEmpty() ? null : KeySpace.decode((String) kvs.getFirst().get("value"));
  }

  /** True when the user may range over the database and finds the data written before. */
  @Override
  public boolean canRead(
      InetSocketAddress endpoint, String user, Secret password, String database) {
    InetAddress address = endpoint.getAddress();
    Optional<String> token = login(address, user, password);
    if (token.isEmpty()) {
      return false;
    }
    Reply reply = gateway.post(address, token, "kv/range", KeySpace.range(database));
    if (reply.failedWith(Reply.PERMISSION_DENIED)) {
      return false;
    }
    if (reply.require("range as " + user).int64("count") == 0) {
      throw new IllegalStateException(user + " may read " + database + " but finds no data");
    }
    return true;
  }

  @Override
  public boolean canLogin(InetSocketAddress endpoint, String user, Secret password) {
    return login(endpoint.getAddress(), user, password).isPresent();
  }

  private Optional<String> login(InetAddress address, String user, Secret password) {
    Reply reply = Session.authenticate(gateway, address, user, password);
    if (reply.failedWith(Reply.AUTHENTICATION_FAILED)) {
      return Optional.empty();
    }
    return reply.require("authenticate as " + user).string("token");
  }
}
