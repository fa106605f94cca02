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
package dev.steward.server;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference server's typed configuration: every property that starts with {@code server.} (the
 * rest goes to the embedded control plane). Defaults live here; {@code ServerConfigTest} pins them.
 *
 * @param address the address to listen on
 * @param port the port (Trove's 8779)
 * @param publicUrl the URL clients use, for links and the token catalog; from the request's Host
 *     header when absent
 * @param identity {@code builtin}, {@code keystone} or {@code none} (development only)
 * @param identityFile the built-in identity's users, projects and static tokens
 * @param tokenLifetime how long tokens issued by the built-in identity last
 * @param noneRoles the roles every caller gets in mode {@code none}
 * @param keystoneUrl Keystone's URL (mode {@code keystone})
 * @param keystoneUser this service's Keystone user (needs the admin or service role)
 * @param keystonePassword its password
 * @param keystoneProject its project
 * @param keystoneDomain the domain of that user and project
 * @param keystoneCacheTtl how long a validated token is trusted without asking again
 * @param region the region name in the built-in catalog and views
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param operationWait how long database/user/root requests wait for their operation to finish
 * @param pageSize the default page size of lists
 */
public record ServerConfig(
    String address,
    int port,
    Optional<String> publicUrl,
    String identity,
    Path identityFile,
    Duration tokenLifetime,
    Set<String> noneRoles,
    Optional<URI> keystoneUrl,
    String keystoneUser,
    Optional<Secret> keystonePassword,
    String keystoneProject,
    String keystoneDomain,
    Duration keystoneCacheTtl,
    String region,
    int maxBodyBytes,
    Duration operationWait,
    int pageSize) {
  public static final String PREFIX = "server";

  public ServerConfig {
    requireNonNull(address, "address is null");
    requireNonNull(publicUrl, "publicUrl is null");
    requireNonNull(identity, "identity is null");
    requireNonNull(identityFile, "identityFile is null");
    noneRoles = Set.copyOf(noneRoles);
    requireNonNull(keystoneUrl, "keystoneUrl is null");
    requireNonNull(keystonePassword, "keystonePassword is null");
  }

  /** Reads {@code server.*}; {@code dataDirectory} is the control plane's data directory. */
  public static ServerConfig from(PluginConfig config, Path dataDirectory) {
    String identity = config.string("identity", "builtin");
    if (!List.of("builtin", "keystone", "none").contains(identity)) {
      throw config.invalid("identity", "must be builtin, keystone or none");
    }
    Optional<String> keystoneUrl = config.optionalString("keystone.url");
    if (identity.equals("keystone")
        && (keystoneUrl.isEmpty() || config.secret("keystone.password").isEmpty())) {
      throw config.invalid(
          "keystone.url", "and server.keystone.password are required with identity keystone");
    }
    ServerConfig result =
        new ServerConfig(
            config.string("address", "127.0.0.1"),
            config.integer("port", 8779, 0, 65535),
            config.optionalString("public-url").map(url -> url.replaceAll("/+$", "")),
            identity,
            config.path("identity-file", dataDirectory.resolve("identity.properties")),
            config.duration("token-lifetime", Duration.ofHours(1)),
            Set.copyOf(config.list("none-roles", List.of("admin", "member"))),
            keystoneUrl.map(URI::create),
            config.string("keystone.user", "trove"),
            config.secret("keystone.password"),
            config.string("keystone.project", "service"),
            config.string("keystone.domain", "default"),
            config.duration("keystone.cache-ttl", Duration.ofMinutes(5)),
            config.string("region", "RegionOne"),
            config.integer("max-body-bytes", 1 << 20, 1024, 64 << 20),
            config.duration("operation-wait", Duration.ofSeconds(30)),
            config.integer("page-size", 20, 1, 1000));
    config.requireAllKnown();
    return result;
  }
}
