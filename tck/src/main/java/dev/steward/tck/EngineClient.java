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

import dev.steward.spi.Secret;
import java.net.InetSocketAddress;

/**
 * The engine's own client, as a datastore module gives it to the TCK: the TCK checks what a real
 * user of the created instance would see, never Steward's view of it.
 */
public interface EngineClient {
  /**
   * Connects as {@code user} to {@code database}, creates a table (or key space) if missing, writes
   * {@code value} and returns what it reads back. Throws when the connection or any statement is
   * refused.
   */
  String writeAndRead(
      InetSocketAddress endpoint, String user, Secret password, String database, String value);

  /**
   * Whether {@code user} can read {@code database} (connect and read the data written by {@link
   * #writeAndRead}). False when refused; throws only for unexpected failures.
   */
  boolean canRead(InetSocketAddress endpoint, String user, Secret password, String database);

  /** Whether {@code user} can log in at all (to the engine's default database). */
  boolean canLogin(InetSocketAddress endpoint, String user, Secret password);
}
