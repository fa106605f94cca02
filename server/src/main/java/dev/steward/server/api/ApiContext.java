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
package dev.steward.server.api;

import static java.util.Objects.requireNonNull;

import dev.steward.core.Steward;
import dev.steward.core.instance.CatalogService;
import dev.steward.core.operation.Operation;
import dev.steward.core.operation.OperationState;
import dev.steward.server.http.ServerErrorCode;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import dev.steward.spi.datastore.DatastoreVersion;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the API handlers share: the embedded control plane, page size, and how long a handler waits
 * for a short administrative operation (database, user, root) before answering 202.
 */
public record ApiContext(
    Steward steward, int pageSize, Duration operationWait, Map<String, String> versionNumbers) {
  public ApiContext {
    requireNonNull(steward, "steward is null");
    requireNonNull(operationWait, "operationWait is null");
    requireNonNull(versionNumbers, "versionNumbers is null");
  }

  public ApiContext(Steward steward, int pageSize, Duration operationWait) {
    this(steward, pageSize, operationWait, new ConcurrentHashMap<>());
  }

  /**
   * Waits up to {@link #operationWait} for an operation, so that a client's next command (which
   * Trove allows at once) does not meet a busy instance; a failure found while waiting is reported,
   * an operation still running is left to finish (the answer is 202 either way).
   */
  public void settle(Operation operation) {
    if (operationWait.isZero()) {
      return;
    }
    Operation done = steward.operations().await(operation.id(), operationWait);
    if (done.state() == OperationState.FAILED) {
      throw new StewardException(
          StandardErrorCode.ENGINE_ERROR,
          "Operation " + done.type() + " failed: " + done.errorMessage().orElse("unknown error"));
    }
  }

  /** A datastore by name or id. */
  public CatalogService.DatastoreView datastore(String nameOrId) {
    for (CatalogService.DatastoreView view : steward.catalog().datastores()) {
      if (view.name().equals(nameOrId) || Views.datastoreId(view.name()).equals(nameOrId)) {
        return view;
      }
    }
    throw new StewardException(
        StandardErrorCode.NOT_FOUND, "Datastore '" + shorten(nameOrId) + "' cannot be found");
  }

  /** A version of a datastore by name, id or version number. */
  public DatastoreVersion version(CatalogService.DatastoreView datastore, String nameOrId) {
    for (DatastoreVersion version : datastore.versions()) {
      if (version.name().equals(nameOrId)
          || Views.versionId(datastore.name(), version.name()).equals(nameOrId)) {
        return version;
      }
    }
    for (DatastoreVersion version : datastore.versions()) {
      if (version.number().equals(nameOrId)) {
        return version;
      }
    }
    throw new StewardException(
        StandardErrorCode.NOT_FOUND,
        "Datastore version '" + shorten(nameOrId) + "' cannot be found");
  }

  /**
   * The version number of an instance's version, for views ("" when no longer enabled); cached,
   * since the enabled datastores and versions are fixed once the control plane runs.
   */
  public String versionNumber(String datastore, String version) {
    return versionNumbers.computeIfAbsent(
        datastore + "\u0000" + version,
        key -> {
          try {
            return version(datastore(datastore), version).number();
          } catch (StewardException e) {
            return "";
          }
        });
  }

  public static StewardException notImplemented(String what) {
    return new StewardException(
        ServerErrorCode.NOT_IMPLEMENTED, what + " is not implemented in this Steward release");
  }

  /** Cuts a user-given value for an error message. */
  public static String shorten(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
