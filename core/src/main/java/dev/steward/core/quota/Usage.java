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
package dev.steward.core.quota;

/** Amounts of each quota resource: what a tenant uses, or what one request adds. */
public record Usage(int instances, long ramMb, long volumeGb, int backups) {
  /** What creating one instance of this size adds. */
  public static Usage ofInstance(int ramMb, int volumeGb) {
    return new Usage(1, ramMb, volumeGb, 0);
  }

  /** What taking one backup adds. */
  public static Usage ofBackup() {
    return new Usage(0, 0, 0, 1);
  }

  public long amount(QuotaResource resource) {
    return switch (resource) {
      case INSTANCES -> instances;
      case RAM -> ramMb;
      case VOLUMES -> volumeGb;
      case BACKUPS -> backups;
    };
  }
}
