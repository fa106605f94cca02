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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.steward.core.Steward;
import dev.steward.server.api.AccountsApi;
import dev.steward.server.api.ApiContext;
import dev.steward.server.api.BackupsApi;
import dev.steward.server.api.CatalogApi;
import dev.steward.server.api.InstancesApi;
import dev.steward.server.api.QuotasApi;
import dev.steward.server.api.UnimplementedApi;
import dev.steward.server.http.HttpFront;
import dev.steward.server.http.Request;
import dev.steward.server.http.Response;
import dev.steward.server.http.Route;
import dev.steward.server.http.Route.Access;
import dev.steward.server.http.Router;
import dev.steward.server.identity.BuiltinIdentity;
import dev.steward.server.identity.IdentityFile;
import dev.steward.server.identity.IdentityProvider;
import dev.steward.server.identity.KeystoneIdentity;
import dev.steward.server.identity.NoAuthIdentity;
import dev.steward.spi.PluginConfig;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference server: Steward's control plane embedded behind Trove's v1.0 REST API on the JDK's
 * HTTP server (virtual thread per request), with an {@link IdentityProvider}. Properties starting
 * with {@code server.} configure the server ({@link ServerConfig}); all others go to {@link
 * Steward}. See {@link ServerMain} for the command line.
 */
public final class StewardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StewardServer.class);

  private final Steward steward;
  private final HttpServer http;
  private final ExecutorService executor;
  private final IdentityProvider identity;
  private final ServerConfig config;

  private StewardServer(
      Steward steward,
      HttpServer http,
      ExecutorService executor,
      IdentityProvider identity,
      ServerConfig config) {
    this.steward = steward;
    this.http = http;
    this.executor = executor;
    this.identity = identity;
    this.config = config;
  }

  /** Boots the control plane and starts listening; configuration errors fail with their key. */
  public static StewardServer start(Map<String, String> properties) {
    Map<String, String> core = new HashMap<>();
    Map<String, String> server = new HashMap<>();
    properties.forEach((key, value) -> {
      if (key.startsWith(ServerConfig.PREFIX + ".")) {
        server.put(key.substring(ServerConfig.PREFIX.length() + 1), value);
      } else {
        core.put(key, value);
      }
    });
    core.putIfAbsent("steward.datastores", "postgresql,mariadb,redis");
    core.putIfAbsent("steward.data-dir", ".steward");
    Path dataDirectory = Path.of(core.get("steward.data-dir")).toAbsolutePath().normalize();
    ServerConfig config =
        ServerConfig.from(new PluginConfig(ServerConfig.PREFIX, server), dataDirectory);
    IdentityProvider identity = identity(config, dataDirectory);
    Metrics metrics = new Metrics();
    Steward steward = Steward.builder().properties(core).listener(metrics).start();
    try {
      metrics.instanceCounts(() -> steward.admin().countByState());
      ApiContext api = new ApiContext(steward, config.pageSize(), config.operationWait());
      Router router = new Router();
      identity.routes().forEach(router::add);
      router.add(
          new Route("GET", "/", Access.PUBLIC, 200, "API versions", StewardServer::versions));
      router.add(
          new Route(
              "GET", "/v1.0", Access.PUBLIC, 200, "API version v1.0", StewardServer::version));
      router.add(
          new Route(
              "GET",
              "/healthcheck",
              Access.PUBLIC,
              200,
              "Health",
              r -> Response.ok(JsonNodeFactory.instance.objectNode().put("status", "ok"))));
      router.add(
          new Route(
              "GET",
              "/metrics",
              Access.PUBLIC,
              200,
              "Prometheus metrics",
              r -> {
                throw new IllegalStateException("served as text by its own handler");
              }));
      new InstancesApi(api).routes().forEach(router::add);
      new BackupsApi(api).routes().forEach(router::add);
      new AccountsApi(api).routes().forEach(router::add);
      new CatalogApi(api).routes().forEach(router::add);
      new QuotasApi(api).routes().forEach(router::add);
      UnimplementedApi.routes().forEach(router::add);
      ObjectNode openApi = OpenApi.document(router.routes());
      router.add(
          new Route(
              "GET",
              "/openapi.json",
              Access.PUBLIC,
              200,
              "This document",
              r -> Response.ok(openApi)));
      // TCP_NODELAY: headers and body are separate writes; without it Nagle's algorithm and the
      // client's delayed ACK add 40 ms to every response larger than one segment
      System.setProperty("sun.net.httpserver.nodelay", "true");
      HttpServer http =
          HttpServer.create(new InetSocketAddress(config.address(), config.port()), 256);
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      http.setExecutor(executor);
      http.createContext(
          "/", new HttpFront(router, identity, metrics, config.maxBodyBytes(), config.publicUrl()));
      http.createContext(
          "/metrics",
          exchange -> {
            byte[] text = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            exchange
                .getResponseHeaders()
                .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, text.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(text);
            }
          });
      http.start();
      StewardServer started = new StewardServer(steward, http, executor, identity, config);
      LOG.info("Steward server listening on {} (identity {})", started.uri(), config.identity());
      return started;
    } catch (IOException e) {
      steward.close();
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "Cannot listen on " + config.address() + ":" + config.port() + ": " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      steward.close();
      throw e;
    }
  }

  private static IdentityProvider identity(ServerConfig config, Path dataDirectory) {
    return switch (config.identity()) {
      case "keystone" ->
          new KeystoneIdentity(
              config.keystoneUrl().orElseThrow(),
              config.keystoneUser(),
              config.keystonePassword().orElseThrow(),
              config.keystoneProject(),
              config.keystoneDomain(),
              config.keystoneCacheTtl(),
              Clock.systemUTC());
      case "none" -> {
        LOG.warn(
            "server.identity=none: every request is accepted without authentication"
                + " (development only)");
        yield new NoAuthIdentity(config.noneRoles());
      }
      default -> {
        if (!Files.exists(config.identityFile())) {
          IdentityFile.initialize(config.identityFile(), dataDirectory.resolve("admin-password"));
          LOG.info(
              "Created {} with user admin; its password is in {}",
              config.identityFile(),
              dataDirectory.resolve("admin-password"));
        }
        yield new BuiltinIdentity(
            IdentityFile.read(config.identityFile()),
            config.tokenLifetime(),
            config.region(),
            Clock.systemUTC());
      }
    };
  }

  private static Response versions(Request request) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode versions = body.putArray("versions");
    versions.add(versionNode(request));
    return Response.ok(body);
  }

  private static Response version(Request request) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("version", versionNode(request));
    return Response.ok(body);
  }

  private static ObjectNode versionNode(Request request) {
    ObjectNode version =
        JsonNodeFactory.instance
            .objectNode()
            .put("id", "v1.0")
            .put("status", "CURRENT")
            .put("updated", "2012-08-01T00:00:00Z");
    version
        .putArray("links")
        .addObject()
        .put("href", request.baseUrl() + "/v1.0/")
        .put("rel", "self");
    return version;
  }

  /** The embedded control plane. */
  public Steward steward() {
    return steward;
  }

  /** The URL this server answers on. */
  public URI uri() {
    return config
        .publicUrl()
        .map(URI::create)
        .orElseGet(
            () -> URI.create("http://" + config.address() + ":" + http.getAddress().getPort()));
  }

  public ServerConfig config() {
    return config;
  }

  /** Stops listening (requests in flight get 2 s), then the control plane. */
  @Override
  public void close() {
    http.stop(2);
    executor.close();
    identity.close();
    steward.close();
  }
}
