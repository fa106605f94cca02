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
package dev.steward.toolkit.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A file with a secret (a client option file, a tool's config file with the password) in the
 * instance's CONFIG directory, mode 0600, under a fresh name, that exists only while a tool runs:
 * deleted on {@link #close}. The way strategies hand a password to a tool that reads none from its
 * environment, never through the tool's arguments.
 */
public final class SecretFile implements AutoCloseable {
  private final Host host;
  private final String name;

  private SecretFile(Host host, String name) {
    this.host = host;
    this.name = name;
  }

  /** Writes {@code content} as {@code <prefix><random><suffix>} in CONFIG. */
  public static SecretFile write(Host host, String prefix, String suffix, String content) {
    requireNonNull(host, "host is null");
    requireNonNull(content, "content is null");
    String name = requireNonNull(prefix, "prefix is null") + UUID.randomUUID() + suffix;
    host.writeFile(HostDirectory.CONFIG, name, content.getBytes(StandardCharsets.UTF_8));
    return new SecretFile(host, name);
  }

  /** The file's absolute path on the host, for the tool's option. */
  public Path path() {
    return host.directory(HostDirectory.CONFIG).resolve(name);
  }

  @Override
  public void close() {
    host.deleteFile(HostDirectory.CONFIG, name);
  }
}
