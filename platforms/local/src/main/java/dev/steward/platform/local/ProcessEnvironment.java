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

import dev.steward.spi.platform.HostDirectory;
import java.util.Map;
import java.util.Optional;

/**
 * The environment every process the platform starts begins with: the control plane's {@code PATH}
 * (where the engines' binaries are found), a locale, and a home and temporary directory inside the
 * instance — nothing else of the control plane's environment, which may hold an operator's
 * credentials. A command or server spec adds what its engine needs on top.
 */
final class ProcessEnvironment {
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  static final String DEFAULT_LOCALE = "C.UTF-8";

  private ProcessEnvironment() {}

  /** Clears {@code environment} and fills it with the minimal set for an instance. */
  static void reset(Map<String, String> environment, InstanceLayout layout) {
    environment.clear();
    environment.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse(DEFAULT_PATH));
    environment.put("LANG", Optional.ofNullable(System.getenv("LANG")).orElse(DEFAULT_LOCALE));
    String temporary = layout.directory(HostDirectory.TMP).toString();
    environment.put("HOME", temporary);
    environment.put("TMPDIR", temporary);
  }
}
