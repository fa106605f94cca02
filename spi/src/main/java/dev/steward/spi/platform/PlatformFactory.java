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

/**
 * Creates the one {@link Platform} of a Steward installation. Core calls {@link #create} once at
 * boot, on the booting thread, for the factory whose {@link #name()} configuration names ({@code
 * steward.platform}).
 */
public interface PlatformFactory {
  /** A unique short name such as {@code local}; also the prefix of the platform's properties. */
  String name();

  /**
   * Creates the platform from its configuration. Invalid configuration fails with {@code
   * CONFIGURATION_INVALID} naming the property.
   */
  Platform create(PlatformContext context);
}
