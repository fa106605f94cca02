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

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.spi.SpiVersion;
import dev.steward.spi.StewardPlugin;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party's backup strategy appears in the API because its jar is on the class path, with no
 * server code naming it: the jar is built here from the plugin's source below, compiled against the
 * SPI jar alone, and the server boots with it on its class loader and no {@code
 * steward.backup.strategies}.
 */
class ThirdPartyStrategyTest {
  /** A complete third-party plugin: one strategy that serves every PostgreSQL version. */
  private static final String PLUGIN =
      """
      package org.example.acme;

      import dev.steward.spi.PluginConfig;
      import dev.steward.spi.SpiVersion;
      import dev.steward.spi.StandardErrorCode;
      import dev.steward.spi.StewardException;
      import dev.steward.spi.StewardPlugin;
      import dev.steward.spi.backup.BackupRequest;
      import dev.steward.spi.backup.BackupResult;
      import dev.steward.spi.backup.BackupStrategy;
      import dev.steward.spi.backup.BackupStrategyFactory;
      import dev.steward.spi.backup.RestoreMode;
      import dev.steward.spi.backup.RestoreRequest;
      import java.io.OutputStream;
      import java.util.List;
      import java.util.Set;

      public final class AcmePlugin implements StewardPlugin {
        @Override
        public int spiVersion() {
          return SpiVersion.MAJOR;
        }

        @Override
        public List<BackupStrategyFactory> backupStrategyFactories() {
          return List.of(new Factory());
        }

        public static final class Factory implements BackupStrategyFactory {
          @Override
          public String name() {
            return "acme-snapshot";
          }

          @Override
          public BackupStrategy create(PluginConfig config) {
            return new Strategy();
          }
        }

        static final class Strategy implements BackupStrategy {
          @Override
          public String name() {
            return "acme-snapshot";
          }

          @Override
          public Set<String> datastores() {
            return Set.of("postgresql");
          }

          @Override
          public RestoreMode restoreMode() {
            return RestoreMode.PHYSICAL;
          }

          @Override
          public BackupResult backup(BackupRequest request, OutputStream out) {
            throw new StewardException(StandardErrorCode.NOT_SUPPORTED, "acme is a fixture");
          }

          @Override
          public void restore(RestoreRequest request) {
            throw new StewardException(StandardErrorCode.NOT_SUPPORTED, "acme is a fixture");
          }
        }
      }
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  @Test
  void aStrategyJarOnTheClassPathIsOfferedForTheVersionsItServes() throws Exception {
    List<String> builtIn = List.of("pg_basebackup", "pg_dump", "volume-snapshot");
    assertThat(strategiesOfEveryVersion(new URL[0], "a")).containsOnly(builtIn);

    URL jar = pluginJar();
    List<String> withAcme = new ArrayList<>(builtIn);
    withAcme.add("acme-snapshot");
    assertThat(strategiesOfEveryVersion(new URL[] {jar}, "b")).containsOnly(withAcme);
  }

  /** Boots a server with the extra jars and reads each version's {@code backup_strategies}. */
  private List<List<String>> strategiesOfEveryVersion(URL[] jars, String name) throws Exception {
    Path data = Files.createDirectories(directory.resolve(name));
    Map<String, String> properties = TestServers.properties(data, "127.85.0.1", "127.85");
    properties.put("server.identity", "none");
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(jars, previous)) {
      thread.setContextClassLoader(loader);
      try (StewardServer server = StewardServer.start(properties)) {
        thread.setContextClassLoader(previous);
        String versions = "/v1.0/" + TestServers.projectId() + "/datastores/postgresql/versions";
        List<List<String>> strategies = new ArrayList<>();
        JsonNode list = get(server, versions).get("versions");
        assertThat(list).isNotEmpty();
        for (JsonNode version : list) {
          List<String> listed = names(version.get("backup_strategies"));
          JsonNode shown = get(server, versions + "/" + version.get("name").asText());
          assertThat(names(shown.get("version").get("backup_strategies"))).isEqualTo(listed);
          strategies.add(listed);
        }
        return strategies;
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Compiles {@link #PLUGIN} against the SPI jar only and packs it with its services entry. */
  private URL pluginJar() throws IOException {
    Path source = Files.createDirectories(directory.resolve("src/org/example/acme"));
    Files.writeString(source.resolve("AcmePlugin.java"), PLUGIN);
    Path classes = Files.createDirectories(directory.resolve("classes"));
    String spi = Path.of(URI.create(location(SpiVersion.class))).toString();
    int exit =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                spi,
                source.resolve("AcmePlugin.java").toString());
    assertThat(exit).isZero();
    Path jar = directory.resolve("acme-backup.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
        Files.copy(file, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + StewardPlugin.class.getName()));
      out.write("org.example.acme.AcmePlugin\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar.toUri().toURL();
  }

  private static String location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().toString();
  }

  private static JsonNode get(StewardServer server, String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(server.uri() + path))
                  .header("X-Auth-Token", "notused")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(node -> names.add(node.asText()));
    return names;
  }
}
