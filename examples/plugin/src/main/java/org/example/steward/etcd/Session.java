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

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.InstanceContext;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Requests to one server as one etcd user: {@link #admin} authenticates as Steward's internal
 * administrator once (etcd's simple tokens live five minutes; one session serves one SPI call). Not
 * shared between threads.
 */
final class Session {
  /** Steward's internal administrator: holds etcd's {@code root} role, never shown to tenants. */
  static final String ADMIN_USER = "steward_admin";

  private final Gateway gateway;
  private final InetAddress address;
  private final Optional<String> token;

  private Session(Gateway gateway, InetAddress address, Optional<String> token) {
    this.gateway = requireNonNull(gateway, "gateway is null");
    this.address = requireNonNull(address, "address is null");
    this.token = requireNonNull(token, "token is null");
  }

  /** Requests without a token: before authentication is enabled (the bootstrap) only. */
  static Session unauthenticated(Gateway gateway, InetAddress address) {
    return new Session(gateway, address, Optional.empty());
  }

  /** Authenticates as the internal administrator with the instance's admin password. */
  static Session admin(Gateway gateway, InstanceContext instance) {
    InetAddress address = instance.host().address();
    Reply reply =
        authenticate(gateway, address, ADMIN_USER, instance.adminPassword())
            .require("Authenticating as " + ADMIN_USER);
    String token =
        reply
            .string("token")
            .orElseThrow(() ->
                new StewardException(
                    EtcdErrorCode.RESPONSE_INVALID, "etcd's authenticate answered no token"));
    return new Session(gateway, address, Optional.of(token));
  }

  /** {@code auth/authenticate}; the password travels only in the request body. */
  static Reply authenticate(Gateway gateway, InetAddress address, String user, Secret password) {
    return gateway.post(
        address,
        Optional.empty(),
        "auth/authenticate",
        Map.of("name", user, "password", password.reveal()));
  }

  /** A request whose failure the caller judges. */
  Reply call(String path, Map<String, Object> body) {
    return gateway.post(address, token, path, body);
  }

  /** A request that must succeed; failures are coded exceptions naming {@code action}. */
  Reply require(String path, Map<String, Object> body, String action) {
    return call(path, body).require(action);
  }
}
