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

import dev.steward.spi.platform.HostDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where one instance's files live: {@code <base-dir>/<instanceId>/} (mode 0711, the control
 * plane's, holding {@code host.properties}) with the service user's 0700 subdirectories data,
 * config, log, run and tmp.
 */
record InstanceLayout(Path instanceDirectory) {
  InstanceLayout {
    requireNonNull(instanceDirectory, "instanceDirectory is null");
  }

  static InstanceLayout of(Path baseDirectory, String instanceId) {
    return new InstanceLayout(baseDirectory.resolve(instanceId));
  }

  Path directory(HostDirectory directory) {
    return instanceDirectory.resolve(directory.name().toLowerCase(Locale.ROOT));
  }

  Path metadataFile() {
    return instanceDirectory.resolve(HostMetadata.FILE_NAME);
  }

  boolean hasMetadata() {
    return Files.isRegularFile(metadataFile(), LinkOption.NOFOLLOW_LINKS);
  }

  /** Creates (or repairs after a crash) the tree with its modes and owners. */
  void create(ServiceUser serviceUser) throws IOException {
    if (!Files.isDirectory(instanceDirectory, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(instanceDirectory);
    }
    Files.setPosixFilePermissions(instanceDirectory, SafeFiles.TRAVERSABLE);
    for (HostDirectory directory : HostDirectory.values()) {
      Path path = directory(directory);
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(path);
      }
      Files.setPosixFilePermissions(path, SafeFiles.OWNER_ONLY);
      serviceUser.own(path);
    }
    SafeFiles.syncDirectory(instanceDirectory);
    SafeFiles.syncDirectory(instanceDirectory.getParent());
  }
}
