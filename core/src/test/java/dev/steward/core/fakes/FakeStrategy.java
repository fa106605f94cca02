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
package dev.steward.core.fakes;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.BackupRequest;
import dev.steward.spi.backup.BackupResult;
import dev.steward.spi.backup.BackupStrategy;
import dev.steward.spi.backup.RestoreMode;
import dev.steward.spi.backup.RestorePart;
import dev.steward.spi.backup.RestoreRequest;
import dev.steward.spi.platform.Host;
import dev.steward.spi.platform.HostDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * A backup strategy over the fake engine's data file ({@link FakeDatastore#DATA_FILE}): a backup
 * streams the file (an incremental one only what was appended since its parent, whose length the
 * parent's metadata holds); a restore writes the chain's parts, parent first, into the new
 * instance's file. {@link RestoreMode#LOGICAL} reads and writes "through the engine" (its server
 * must run); {@link RestoreMode#PHYSICAL} copies files (the new server must not run yet). Calls
 * pass the shared {@link Faults} as {@code backup} and {@code restore}.
 */
public final class FakeStrategy implements BackupStrategy {
  /** A logical dump: the engine runs while it restores. */
  public static final String DUMP = "fake-dump";

  /** A physical copy of the files: restored before the engine starts. */
  public static final String COPY = "fake-copy";

  /** A physical copy that can be incremental. */
  public static final String INCREMENT = "fake-increment";

  private static final int BLOCK = 8192;

  private final String name;
  private final RestoreMode mode;
  private final boolean incremental;
  private final Faults faults;

  FakeStrategy(String name, RestoreMode mode, boolean incremental, Faults faults) {
    this.name = requireNonNull(name, "name is null");
    this.mode = requireNonNull(mode, "mode is null");
    this.incremental = incremental;
    this.faults = requireNonNull(faults, "faults is null");
  }

  /** The strategy of this name, as the fake plugin offers it. */
  static FakeStrategy named(String name, Faults faults) {
    return switch (name) {
      case DUMP -> new FakeStrategy(DUMP, RestoreMode.LOGICAL, false, faults);
      case COPY -> new FakeStrategy(COPY, RestoreMode.PHYSICAL, false, faults);
      case INCREMENT -> new FakeStrategy(INCREMENT, RestoreMode.PHYSICAL, true, faults);
      default -> throw new IllegalArgumentException("no fake strategy " + name);
    };
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> datastores() {
    return Set.of(FakeDatastore.NAME);
  }

  @Override
  public RestoreMode restoreMode() {
    return mode;
  }

  @Override
  public boolean incremental() {
    return incremental;
  }

  @Override
  public boolean copiesFiles() {
    return mode == RestoreMode.PHYSICAL;
  }

  @Override
  public OptionalLong estimateBytes(BackupRequest request) {
    return OptionalLong.of(data(request.instance().host()).length);
  }

  @Override
  public BackupResult backup(BackupRequest request, OutputStream out) {
    faults.check("backup");
    Host host = request.instance().host();
    requireServer(host, true);
    byte[] data = data(host);
    int from = request.parent().map(parent -> Integer.parseInt(parent.get("length"))).orElse(0);
    try {
      for (int offset = from; offset < data.length; offset += BLOCK) {
        out.write(data, offset, Math.min(BLOCK, data.length - offset));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BackupResult(Map.of("length", Integer.toString(data.length)));
  }

  @Override
  public void restore(RestoreRequest request) {
    faults.check("restore");
    Host host = request.instance().host();
    requireServer(host, mode == RestoreMode.LOGICAL);
    ByteArrayOutputStream restored = new ByteArrayOutputStream();
    for (RestorePart part : request.chain()) {
      try (InputStream input = part.open()) {
        input.transferTo(restored);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    host.writeFile(HostDirectory.DATA, FakeDatastore.DATA_FILE, restored.toByteArray());
  }

  private static byte[] data(Host host) {
    return host.readFile(HostDirectory.DATA, FakeDatastore.DATA_FILE).orElse(new byte[0]);
  }

  private void requireServer(Host host, boolean running) {
    if (host.serverState().running() != running) {
      throw new StewardException(
          StandardErrorCode.INVALID_STATE,
          name + " needs the server " + (running ? "running" : "stopped"));
    }
  }

  @Override
  public String toString() {
    return "FakeStrategy[" + name + ", " + mode + ", incremental=" + incremental + "]";
  }

  /** Bytes for tests: {@code size} of them, deterministic from {@code seed}, badly compressible. */
  public static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    Arrays.fill(data, 0, Math.min(size, 1024), (byte) 'x');
    return data;
  }
}
