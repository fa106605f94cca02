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

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * File operations done with care: atomic replacement, fsync of data and directory, deletion that
 * never follows a symbolic link (a service user could plant one pointing anywhere).
 */
final class SafeFiles {
  static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> TRAVERSABLE = PosixFilePermissions.fromString("rwx--x--x");

  /** Receives a temp file before it is renamed into place, e.g. to change its owner. */
  interface Preparer {
    void prepare(Path temporary) throws IOException;
  }

  private SafeFiles() {}

  /**
   * Resolves a caller-supplied relative name inside {@code directory}; rejects absolute names,
   * {@code ..} and empty segments with INVALID_ARGUMENT.
   */
  static Path resolveInside(Path directory, String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0) {
      throw invalidName(name);
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
        throw invalidName(name);
      }
    }
    Path resolved = directory.resolve(name).normalize();
    if (!resolved.startsWith(directory) || resolved.equals(directory)) {
      throw invalidName(name);
    }
    return resolved;
  }

  private static StewardException invalidName(String name) {
    return new StewardException(
        StandardErrorCode.INVALID_ARGUMENT,
        "File name must be a relative path without '..': '" + name + "'");
  }

  /**
   * Fails when a path component between {@code root} (exclusive) and {@code path} (exclusive) is a
   * symbolic link, so that a write as root cannot be redirected outside the instance.
   */
  static void requireNoSymbolicLinks(Path root, Path path) {
    Path current = root;
    for (Path segment : root.relativize(path.getParent())) {
      current = current.resolve(segment);
      if (Files.isSymbolicLink(current)) {
        throw new StewardException(
            StandardErrorCode.INVALID_ARGUMENT, "Path crosses a symbolic link: " + current);
      }
    }
  }

  /** Writes {@code content} to a temp file beside {@code target}, fsyncs, renames, fsyncs dir. */
  static void writeAtomically(Path target, byte[] content, Preparer preparer) throws IOException {
    Path temporary = temporarySibling(target);
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // The umask may have narrowed the mode; make it exactly 0600.
      Files.setPosixFilePermissions(temporary, OWNER_READ_WRITE);
      preparer.prepare(temporary);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    syncDirectory(target.getParent());
  }

  /** A fresh name in the same directory; contains '~', which no caller-chosen name may hold. */
  static Path temporarySibling(Path target) {
    return target.resolveSibling("." + target.getFileName() + "~" + UUID.randomUUID() + "~tmp");
  }

  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Deletes a tree without following links; does nothing when it does not exist. */
  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    deleteTree(root, true);
  }

  /** Deletes everything inside {@code directory}, keeping the directory itself. */
  static void deleteContents(Path directory) throws IOException {
    deleteTree(directory, false);
  }

  private static void deleteTree(Path root, boolean includingRoot) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
              throws IOException {
            // Tools sometimes leave read-only directories; their owner may always fix the mode.
            if (!Files.isWritable(directory) || !Files.isExecutable(directory)) {
              Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
              permissions.addAll(OWNER_ONLY);
              Files.setPosixFilePermissions(directory, permissions);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            deleteIfPresent(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure)
              throws IOException {
            if (failure instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            if (failure instanceof AccessDeniedException) {
              deleteIfPresent(file);
              return FileVisitResult.CONTINUE;
            }
            throw failure;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException failure)
              throws IOException {
            if (failure != null && !(failure instanceof NoSuchFileException)) {
              throw failure;
            }
            if (includingRoot || !directory.equals(root)) {
              deleteIfPresent(directory);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteIfPresent(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  /** Creates a directory (and parents) with {@code permissions} unless it exists already. */
  static void createDirectoryIfMissing(Path directory, Set<PosixFilePermission> permissions) {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, permissions);
      }
    } catch (IOException e) {
      throw new StewardException(
          StandardErrorCode.PLATFORM_FAILURE, "Cannot create " + directory + ": " + e, e);
    }
  }
}
