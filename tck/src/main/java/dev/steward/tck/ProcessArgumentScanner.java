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
package dev.steward.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads {@code /proc/<pid>/cmdline} of every process, over and over on its own thread, and records
 * every command line that contains one of the watched secrets (recording only the pid and which
 * secret, never the secret). Secrets can be added while it runs.
 */
public final class ProcessArgumentScanner implements AutoCloseable {
  private final List<String> secrets = new CopyOnWriteArrayList<>();
  private final List<String> findings = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long scans;

  public ProcessArgumentScanner() {
    thread = Thread.ofPlatform().daemon().name("cmdline-scanner").start(this::loop);
  }

  public void watch(String secret) {
    secrets.add(secret);
  }

  /** Descriptions of leaks found so far ("pid 123 showed secret #2"). */
  public List<String> findings() {
    return List.copyOf(findings);
  }

  public long scans() {
    return scans;
  }

  private void loop() {
    while (running) {
      scanOnce();
      scans++;
    }
  }

  private void scanOnce() {
    List<String> watched = new ArrayList<>(secrets);
    if (watched.isEmpty()) {
      Thread.onSpinWait();
      return;
    }
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        String commandLine;
        try {
          commandLine =
              new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
          continue; // exited meanwhile
        }
        for (int index = 0; index < watched.size(); index++) {
          if (commandLine.contains(watched.get(index))) {
            findings.add("pid " + process.getFileName() + " showed secret #" + index);
          }
        }
      }
    } catch (IOException e) {
      findings.add("cannot list /proc: " + e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
