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
package dev.steward.spi.platform;

import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * Durable named objects (backup chunks and manifests). Keys are relative paths of {@code
 * [A-Za-z0-9._/-]} without {@code ..}. Called from operation workers; thread-safe.
 */
public interface ObjectStore {
  /**
   * Stores an object by reading {@code content} to its end. Atomic and durable: when it returns the
   * object is complete on stable storage; a reader never sees a partial object. Replaces an
   * existing object of the same key.
   */
  void put(String key, InputStream content);

  /** Opens an object for reading; {@code NOT_FOUND} when absent. The caller closes the stream. */
  InputStream get(String key);

  /** The object's size, or empty when absent. */
  OptionalLong size(String key);

  /** Deletes an object; does nothing when absent. */
  void delete(String key);

  /** Keys starting with {@code prefix}, sorted. */
  List<String> list(String prefix);
}
