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

import dev.steward.spi.StewardException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OS user an instance's engine processes run as. When the JVM's effective uid is 0 it is an
 * unprivileged user — by default one of its own per instance ({@link #perInstanceName}), created
 * with the host and deleted with it, so that no instance can read, write or signal another's files
 * and processes — and commands are wrapped in {@code setpriv} (which execs, so the spawned
 * process's pid is the program's pid). Otherwise it is the JVM's own user and nothing is wrapped:
 * every instance then shares that identity (the README's security section says what that means).
 * Thread-safe; the user is resolved once.
 */
final class ServiceUser {
  private static final System.Logger LOG = System.getLogger(ServiceUser.class.getName());

  private final String configuredName;
  private final boolean privileged;
  private final Object resolveLock = new Object();
  private volatile Ids ids;

  private record Ids(int uid, int gid) {}

  ServiceUser(String configuredName) {
    this.configuredName = requireNonNull(configuredName, "configuredName is null");
    this.privileged = effectiveUid() == 0;
  }

  /**
   * The user of one instance: {@code stem-} and 12 hex digits of the SHA-256 of the base directory
   * and its id (instance ids may be long and mixed-case, user names may not; two platforms on one
   * machine never share a user), at most 32 characters for a stem of at most {@link
   * LocalPlatformConfig#MAX_USER_STEM} characters.
   */
  static String perInstanceName(String stem, Path baseDirectory, String instanceId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((baseDirectory + "\0" + instanceId).getBytes(StandardCharsets.UTF_8));
      return stem + "-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Creates the user now when the control plane is root and it does not exist yet. */
  void ensureExists() {
    if (privileged) {
      resolve();
    }
  }

  /**
   * Deletes the user (and its group) when the control plane is root; nothing when it is missing.
   * Its processes must be gone: a process left running as it is killed first.
   */
  void delete() {
    if (!privileged || exec("id", "-u", configuredName).exitCode() != 0) {
      return;
    }
    for (int attempt = 0; attempt < 10; attempt++) {
      Output result = exec("userdel", configuredName);
      if (result.exitCode() == 0 || exec("id", "-u", configuredName).exitCode() != 0) {
        synchronized (resolveLock) {
          ids = null;
        }
        LOG.log(Level.INFO, "Deleted service user {0}", configuredName);
        return;
      }
      // userdel refuses while a process runs as the user, and while /etc/passwd is locked.
      ProcessTable.killOwnedBy(uid());
      LOG.log(Level.DEBUG, "userdel {0} failed: {1}", configuredName, result.text());
      sleep(100);
    }
    throw unavailable("could not delete the service user " + configuredName + " with userdel");
  }

  /** Whether the control plane runs as root, so engines are switched to the service user. */
  boolean privileged() {
    return privileged;
  }

  String name() {
    if (privileged) {
      return configuredName;
    }
    return System.getProperty("user.name");
  }

  /** Prefixes a command so that it runs as the service user (unchanged when not root). */
  List<String> wrap(List<String> command) {
    if (!privileged) {
      return command;
    }
    Ids resolved = resolve();
    List<String> wrapped = new ArrayList<>();
    wrapped.add("setpriv");
    wrapped.add("--reuid=" + resolved.uid());
    wrapped.add("--regid=" + resolved.gid());
    wrapped.add("--init-groups");
    wrapped.add("--");
    wrapped.addAll(command);
    return wrapped;
  }

  /** Gives a file or directory (not a symlink's target) to the service user, when root. */
  void own(Path path) throws IOException {
    if (!privileged) {
      return;
    }
    Ids resolved = resolve();
    Files.setAttribute(path, "unix:uid", resolved.uid(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", resolved.gid(), LinkOption.NOFOLLOW_LINKS);
  }

  /** The service user's uid and primary gid; creates the user first when it is missing. */
  int uid() {
    return privileged ? resolve().uid() : currentIds().uid();
  }

  int gid() {
    return privileged ? resolve().gid() : currentIds().gid();
  }

  private Ids resolve() {
    Ids resolved = ids;
    if (resolved != null) {
      return resolved;
    }
    synchronized (resolveLock) {
      if (ids == null) {
        ids = lookupOrCreate();
      }
      return ids;
    }
  }

  private Ids lookupOrCreate() {
    if (exec("id", "-u", configuredName).exitCode() != 0) {
      create();
    }
    Output uid = exec("id", "-u", configuredName);
    Output gid = exec("id", "-g", configuredName);
    if (uid.exitCode() != 0 || gid.exitCode() != 0) {
      throw unavailable("cannot resolve the service user " + configuredName + ": " + uid.text());
    }
    return new Ids(Integer.parseInt(uid.text().strip()), Integer.parseInt(gid.text().strip()));
  }

  private void create() {
    LOG.log(Level.INFO, "Creating service user {0}", configuredName);
    // Another process (another control plane, a parallel test run) may create it at the same time,
    // and useradd fails while someone else holds the lock on /etc/passwd: retry, then look again.
    for (int attempt = 0; attempt < 10; attempt++) {
      Output result =
          exec(
              "useradd",
              // Not --system: an instance each could exhaust the small system range (100-999).
              "--key",
              "UID_MIN=20000",
              "--key",
              "UID_MAX=59999",
              "--key",
              "GID_MIN=20000",
              "--key",
              "GID_MAX=59999",
              "--user-group",
              "--no-create-home",
              "--home-dir",
              "/nonexistent",
              "--shell",
              "/usr/sbin/nologin",
              configuredName);
      if (result.exitCode() == 0 || exec("id", "-u", configuredName).exitCode() == 0) {
        return;
      }
      LOG.log(Level.DEBUG, "useradd {0} failed: {1}", configuredName, result.text());
      sleep(200);
    }
    throw unavailable("could not create the service user " + configuredName + " with useradd");
  }

  private static Ids currentIds() {
    return new Ids(statusField("Uid:"), statusField("Gid:"));
  }

  private static int effectiveUid() {
    return statusField("Uid:");
  }

  /** The effective id from a {@code /proc/self/status} line "Uid: real effective saved fs". */
  private static int statusField(String label) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(label)) {
          return Integer.parseInt(line.substring(label.length()).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw unavailable("cannot read /proc/self/status: " + e.getMessage());
    }
    throw unavailable("no " + label + " line in /proc/self/status");
  }

  private record Output(int exitCode, String text) {}

  private static Output exec(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output;
      try (InputStream input = process.getInputStream()) {
        output = input.readNBytes(64 * 1024);
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw unavailable(command[0] + " did not finish within 30s");
      }
      return new Output(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unavailable("cannot run " + command[0] + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while running " + command[0]);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while creating or deleting the service user");
    }
  }

  private static StewardException unavailable(String message) {
    return new StewardException(LocalPlatformErrorCode.SERVICE_USER_UNAVAILABLE, message);
  }
}
