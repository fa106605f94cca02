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
package dev.steward.server.identity;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The built-in identity's data, a properties file:
 *
 * <pre>
 * project.&lt;project-id&gt;.name = demo
 * user.&lt;name&gt;.project = &lt;project-id&gt;
 * user.&lt;name&gt;.roles = admin,member
 * user.&lt;name&gt;.password = pbkdf2-sha256$...   (java -jar steward-server.jar hash-password)
 * token.&lt;label&gt;.sha256 = &lt;hex SHA-256 of a static token&gt;
 * token.&lt;label&gt;.project = &lt;project-id&gt;
 * token.&lt;label&gt;.roles = member
 * </pre>
 *
 * Only hashes and digests are stored; an unknown key fails boot with the key named.
 */
public final class IdentityFile {
  /** A user of the built-in identity. */
  public record User(String name, String projectId, Set<String> roles, String passwordHash) {}

  private final Map<String, String> projectNames;
  private final Map<String, User> users;
  private final Map<String, Principal> tokens;

  private IdentityFile(
      Map<String, String> projectNames, Map<String, User> users, Map<String, Principal> tokens) {
    this.projectNames = Map.copyOf(projectNames);
    this.users = Map.copyOf(users);
    this.tokens = Map.copyOf(tokens);
  }

  public Optional<User> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  public Optional<Principal> staticToken(String digest) {
    return Optional.ofNullable(tokens.get(digest));
  }

  public String projectName(String projectId) {
    return projectNames.getOrDefault(projectId, projectId);
  }

  /** Reads and validates the file. */
  public static IdentityFile read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw BuiltinIdentity.invalidFile("Cannot read identity file " + file);
    }
    Map<String, Map<String, String>> sections = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      String[] parts = key.split("\\.");
      if (parts.length < 3 || !Set.of("project", "user", "token").contains(parts[0])) {
        throw BuiltinIdentity.invalidFile("Unknown key in identity file " + file + ": " + key);
      }
      String id = String.join(".", Arrays.copyOfRange(parts, 1, parts.length - 1));
      sections
          .computeIfAbsent(parts[0] + "\u0000" + id, k -> new HashMap<>())
          .put(parts[parts.length - 1], properties.getProperty(key).strip());
    }
    Map<String, String> projects = new HashMap<>();
    Map<String, User> users = new HashMap<>();
    Map<String, Principal> tokens = new HashMap<>();
    sections.forEach((sectionKey, values) -> {
      String kind = sectionKey.substring(0, sectionKey.indexOf('\u0000'));
      String id = sectionKey.substring(sectionKey.indexOf('\u0000') + 1);
      switch (kind) {
        case "project" -> {
          requireOnly(file, kind, id, values, Set.of("name"));
          projects.put(id, values.getOrDefault("name", id));
        }
        case "user" -> {
          requireOnly(file, kind, id, values, Set.of("project", "roles", "password"));
          users.put(
              id,
              new User(
                  id,
                  required(file, kind, id, values, "project"),
                  roles(values),
                  required(file, kind, id, values, "password")));
        }
        default -> {
          requireOnly(file, kind, id, values, Set.of("sha256", "project", "roles"));
          String digest = required(file, kind, id, values, "sha256").toLowerCase(Locale.ROOT);
          if (!digest.matches("[0-9a-f]{64}")) {
            throw BuiltinIdentity.invalidFile("token." + id + ".sha256 must be 64 hex digits");
          }
          tokens.put(
              digest,
              new Principal(
                  "token:" + id,
                  id,
                  Optional.of(required(file, kind, id, values, "project")),
                  roles(values)));
        }
      }
    });
    return new IdentityFile(projects, users, tokens);
  }

  /**
   * Creates a first identity file (mode 0600) with one admin user in a new project; the generated
   * password is written to {@code passwordFile} (mode 0600) and never printed or logged.
   */
  public static void initialize(Path file, Path passwordFile) {
    requireNonNull(file, "file is null");
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String projectId = HexFormat.of().formatHex(bytes);
    byte[] secretBytes = new byte[18];
    random.nextBytes(secretBytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    String content =
        "# Steward built-in identity (see the server README). Only hashes are stored here.\n"
            + "project."
            + projectId
            + ".name = admin\n"
            + "user.admin.project = "
            + projectId
            + "\nuser.admin.roles = admin,member\nuser.admin.password = "
            + PasswordHash.hash(Secret.of(password))
            + "\n";
    writePrivate(passwordFile, password + "\n");
    writePrivate(file, content);
  }

  private static void writePrivate(Path path, String content) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Files.deleteIfExists(path);
      Files.createFile(
          path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer writer =
          Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
        writer.write(content);
      }
    } catch (IOException e) {
      throw BuiltinIdentity.invalidFile("Cannot write " + path + ": " + e.getMessage());
    }
  }

  private static Set<String> roles(Map<String, String> values) {
    Set<String> roles = new HashSet<>();
    for (String role : values.getOrDefault("roles", "member").split(",")) {
      if (!role.isBlank()) {
        roles.add(role.strip());
      }
    }
    return roles;
  }

  private static String required(
      Path file, String kind, String id, Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null || value.isEmpty()) {
      throw BuiltinIdentity.invalidFile(kind + "." + id + "." + key + " is missing in " + file);
    }
    return value;
  }

  private static void requireOnly(
      Path file, String kind, String id, Map<String, String> values, Set<String> allowed) {
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        throw BuiltinIdentity.invalidFile(
            "Unknown key in identity file " + file + ": " + kind + "." + id + "." + key);
      }
    }
  }
}
