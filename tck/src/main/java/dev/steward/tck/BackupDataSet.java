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
 * Known data for the backup suite, written and fingerprinted with the engine's own client as the
 * instance's root user: several tables (or key groups) derived from a seed, so that a restored
 * instance can be compared with its source.
 */
public interface BackupDataSet {
  /** Writes about {@code bytes} of data derived from {@code seed}, adding to what is there. */
  void write(InetSocketAddress endpoint, String user, Secret password, long bytes, int seed);

  /** Row (key) counts and checksums of everything {@link #write} wrote, as one comparable text. */
  String fingerprint(InetSocketAddress endpoint, String user, Secret password);
}
