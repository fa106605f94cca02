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
package dev.steward.spi.backup;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.util.Map;

/**
 * What a datastore tells backup strategies about reaching its engine on the host: named properties
 * (binary directory, socket directory, port, data directory, option file, …) and secrets
 * (passwords, for the command's environment or an option file, never its arguments). The keys are a
 * contract between a datastore and the strategies it lists; each datastore documents its keys in
 * {@code BackupSupport.tools}.
 */
public record ToolEnvironment(Map<String, String> properties, Map<String, Secret> secrets) {
  public ToolEnvironment {
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    secrets = Map.copyOf(requireNonNull(secrets, "secrets is null"));
  }

  /** A required property; CONFIGURATION_INVALID naming the key when the datastore gave none. */
  public String property(String key) {
    String value = properties.get(key);
    if (value == null) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "The datastore gives backup tools no property " + key);
    }
    return value;
  }

  /** A required secret; CONFIGURATION_INVALID naming the key (never a value) when absent. */
  public Secret secret(String key) {
    Secret value = secrets.get(key);
    if (value == null) {
      throw new StewardException(
          StandardErrorCode.CONFIGURATION_INVALID,
          "The datastore gives backup tools no secret " + key);
    }
    return value;
  }
}
