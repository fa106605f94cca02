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
package dev.steward.platform.local;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.platform.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} in a directory of this machine: one file per key, keys' slashes as
 * subdirectories. {@code put} streams into a temp file beside the target (its name holds {@code ~},
 * which keys cannot, so readers never list it), fsyncs it, renames it into place and fsyncs the
 * directory; a reader sees the old object or the new one, never a partial one. Thread-safe; called
 * from operation workers.
 */
public final class FilesystemObjectStore implements ObjectStore {
  private static final Pattern KEY_CHARACTERS = Pattern.compile("[A-Za-z0-9._/-]*");

  private final Path root;

  public FilesystemObjectStore(Path root) {
    this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    SafeFiles.createDirectoryIfMissing(this.root, SafeFiles.OWNER_ONLY);
  }

  @Override
  public void put(String key, InputStream content) {
    requireNonNull(content, "content is null");
    Path target = resolve(key);
    Path temporary = SafeFiles.temporarySibling(target);
    try {
      Files.createDirectories(target.getParent());
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(SafeFiles.OWNER_READ_WRITE))) {
        OutputStream output = Channels.newOutputStream(channel);
        content.transferTo(output);
        channel.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      SafeFiles.syncDirectory(target.getParent());
    } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
      throw new StewardException(
          StandardErrorCode.INVALID_ARGUMENT, "Object key is a prefix of other keys: " + key, e);
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot store object " + key + ": " + e, e);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        // Left for an operator; it never shows in list().
      }
    }
  }

  @Override
  public InputStream get(String key) {
    Path file = resolve(key);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw notFound(key);
    }
    try {
      return Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw notFound(key);
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot read object " + key + ": " + e, e);
    }
  }

  @Override
  public OptionalLong size(String key) {
    Path file = resolve(key);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(Files.size(file));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot stat object " + key + ": " + e, e);
    }
  }

  @Override
  public void delete(String key) {
    Path file = resolve(key);
    try {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(file);
        SafeFiles.syncDirectory(file.getParent());
      }
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot delete object " + key + ": " + e, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    requireNonNull(prefix, "prefix is null");
    if (!KEY_CHARACTERS.matcher(prefix).matches() || prefix.startsWith("/")) {
      throw invalidKey(prefix);
    }
    // Every complete segment must be valid; the last one may be partial ("backups/2024-").
    String[] segments = prefix.split("/", -1);
    for (int index = 0; index < segments.length - 1; index++) {
      if (!validSegment(segments[index])) {
        throw invalidKey(prefix);
      }
    }
    // Walk only the directory the prefix pins down: "backups/abc" starts at "backups".
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash)).normalize();
    if (!start.startsWith(root) || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      files
          .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
          .map(path -> root.relativize(path).toString())
          .filter(key -> key.indexOf('~') < 0 && key.startsWith(prefix))
          .forEach(keys::add);
    } catch (IOException | UncheckedIOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot list objects below " + prefix + ": " + e, e);
    }
    keys.sort(null);
    return keys;
  }

  private Path resolve(String key) {
    requireNonNull(key, "key is null");
    if (key.isEmpty() || !KEY_CHARACTERS.matcher(key).matches() || key.startsWith("/")) {
      throw invalidKey(key);
    }
    for (String segment : key.split("/", -1)) {
      if (!validSegment(segment)) {
        throw invalidKey(key);
      }
    }
    return root.resolve(key);
  }

  private static boolean validSegment(String segment) {
    return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
  }

  private static StewardException invalidKey(String key) {
    return new StewardException(
        StandardErrorCode.INVALID_ARGUMENT,
        "Object key must be a relative path of [A-Za-z0-9._/-] without '..': '" + key + "'");
  }

  private static StewardException notFound(String key) {
    return new StewardException(StandardErrorCode.NOT_FOUND, "No object with key " + key);
  }
}
